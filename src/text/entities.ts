import { LRUCache } from 'lru-cache';
import { englishNlp } from './english-nlp.js';

/** The entity types the English model finds offline (its model ships in the npm package). */
export type EntityType = 'DATE' | 'TIME' | 'DURATION' | 'CARDINAL' | 'ORDINAL' | 'MONEY' | 'PERCENT' | 'URL' | 'EMAIL';

export interface Entity {
  type: EntityType;
  value: string;
}

const KNOWN = new Set<string>(['DATE', 'TIME', 'DURATION', 'CARDINAL', 'ORDINAL', 'MONEY', 'PERCENT', 'URL', 'EMAIL']);

/**
 * Sentences are scored for many questions (every passage retrieved for a question is read again for the next one):
 * entities are found once per text. 20,000 sentences is a large corpus's retrieved working set in a few kilobytes each.
 */
const cache = new LRUCache<string, Entity[]>({ max: 20_000 });

/** Dates, times, durations, figures, sums of money, percentages, URLs and e-mail addresses in `text` (wink-nlp). */
export function entitiesIn(text: string): Entity[] {
  const cached = cache.get(text);
  if (cached) return cached;
  const nlp = englishNlp();
  const found = nlp
    .readDoc(text)
    .entities()
    // its.detail is a plain function of the token's fields; wink-nlp's helpers are used unbound throughout its docs.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    .out(nlp.its.detail) as unknown as { value: string; type: string }[];
  const entities = found.filter((entity) => KNOWN.has(entity.type)).map((entity) => ({ type: entity.type as EntityType, value: entity.value }));
  cache.set(text, entities);
  return entities;
}

/** Whether `text` holds an entity of one of `types` whose words the question does not already give. */
export function hasFreshEntity(text: string, types: EntityType[], question: string): boolean {
  const asked = question.toLowerCase();
  return entitiesIn(text).some((entity) => types.includes(entity.type) && !asked.includes(entity.value.toLowerCase()));
}
