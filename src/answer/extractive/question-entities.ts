import type { IndexReader } from '../../store/index-reader.js';
import { terms, words } from '../../text/tokenize.js';
import { MAX_PHRASE_CHECKS, MAX_QUESTION_ENTITIES, PHRASE_GAP } from './thresholds.js';

const entityCache = new WeakMap<IndexReader, Map<string, boolean>>();
/** Names remembered per index before the cache is emptied (a cache of a pure function: answers do not depend on it). */
const MAX_CACHED_ENTITIES = 5000;
const WH_WORDS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how']);

/** Names the question uses: runs of capitalised words ("World Trade Organization", "Africa"), not the opening
 * word a question capitalises anyway. */
export function questionEntities(question: string): string[] {
  const tokens = question.match(/[\p{L}\p{N}#][\p{L}\p{N}'’#.-]*/gu) ?? [];
  // In a question written in title case ("What Is The Default Port…") or in capitals every word looks like a name:
  // none can be told apart. Title case shows in its capitalised small words; a name keeps them small ("Web Content
  // Accessibility Guidelines", "File Transfer Protocol for Virtual Hosts").
  const lettered = tokens.filter((token) => /^\p{L}{2,}/u.test(token));
  const shouted = lettered.length >= 3 && lettered.filter((token) => /^\p{Lu}+$/u.test(token)).length >= lettered.length * 0.7;
  const titleCase = tokens.slice(1).some((token) => /^(The|Of|Is|Are|Was|Were|For|And|In|To|On|At|By|Does|Did|Do|With|From)$/.test(token));
  if (shouted || titleCase) return [];
  const entities: string[] = [];
  let run: string[] = [];
  const flush = () => {
    while (run.length && /^\p{Ll}/u.test(run[run.length - 1]!)) run.pop();
    if (run.length) entities.push(run.join(' ').replace(/['’]s$/u, ''));
    run = [];
  };
  tokens.forEach((token, i) => {
    // The first word is capitalised anyway: it starts a name only if it is an acronym ("FTP…", "WCAG…"), not a question
    // word shouted in capitals ("WHO", "WHAT").
    const capitalised = /^\p{Lu}/u.test(token) && !(i === 0 && (!/^\p{Lu}{2,}$/u.test(token) || WH_WORDS.has(token.toLowerCase())));
    if (capitalised) run.push(token);
    else if (run.length && /^(of|the|for|and|on|de|du|la|des)$/.test(token)) run.push(token);
    else flush();
  });
  flush();
  return entities;
}

/** Whether the corpus contains `entity` as a phrase: the chunks holding all its terms are checked for the words in
 * order. Cached per loaded index. */
async function entityKnown(index: IndexReader, entity: string): Promise<boolean> {
  let cache = entityCache.get(index);
  if (!cache) entityCache.set(index, (cache = new Map<string, boolean>()));
  const cached = cache.get(entity);
  if (cached !== undefined) return cached;
  const phraseWords = words(entity);
  let known = true;
  const entityTerms = [...new Set(terms(entity))];
  if (entityTerms.length > 0) {
    const candidates = await index.chunks(await index.chunksWithAllTerms(entityTerms, { limit: MAX_PHRASE_CHECKS }));
    known = candidates.some((chunk) => inOrder(words(`${chunk.sectionPath} ${chunk.text}`), phraseWords));
  }
  if (cache.size > MAX_CACHED_ENTITIES) cache.clear();
  cache.set(entity, known);
  return known;
}

/** Whether `phrase` occurs in `tokens` in order, at most `PHRASE_GAP` words apart. */
function inOrder(tokens: string[], phrase: string[]): boolean {
  for (let start = 0; start < tokens.length; start += 1) {
    if (tokens[start] !== phrase[0]) continue;
    let at = start;
    let matched = 1;
    for (; matched < phrase.length; matched += 1) {
      const next = tokens.indexOf(phrase[matched]!, at + 1);
      if (next === -1 || next - at > PHRASE_GAP) break;
      at = next;
    }
    if (matched === phrase.length) return true;
  }
  return false;
}

/** Share of the names `entities` (the question's) that the corpus never mentions ("the World Trade Organization"). */
export async function unknownEntityShare(index: IndexReader, entities: string[]): Promise<number> {
  const checked = entities.slice(0, MAX_QUESTION_ENTITIES);
  if (checked.length === 0) return 0;
  const known = await Promise.all(checked.map((entity) => entityKnown(index, entity)));
  return known.filter((isKnown) => !isKnown).length / checked.length;
}
