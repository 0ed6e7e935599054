import { stem, words } from './tokenize.js';

/**
 * General-English equivalence groups for query expansion: a question rarely uses the document's words
 * ("employees" for "Staff", "founded" for "established", "female" for "women"). Domain-neutral on purpose:
 * nothing here names an entity of any corpus. Expanded terms count at a reduced weight.
 */
const GROUPS = [
  'employee staff personnel worker workforce employ',
  'found founded establish established create created formation formed born',
  'headquarters headquartered based seat',
  'rename renamed name named title',
  'first initial initially original originally',
  'woman women female',
  'man men male',
  'child children minor',
  'budget funding spending income revenue',
  'border frontier boundary',
  'environment environmental climate',
  'die died death deaths dead fatality fatalities killed lost',
  'worth value business market industry',
  'job jobs employment',
  'help assist aid support',
  'start begin began launch launched commence',
  'annual annually yearly year',
  'principle principles rule rules basis',
  'leader head director chief',
  'goal aim objective purpose mission mandate mandated',
  'language languages tongue',
  'country countries state states nation nations',
  'member members membership',
  'fraction proportion share percentage half',
  'move moving relocate migrate migration',
  'concluded signed adopted agreed',
  'force effect',
  'smuggling smuggler smuggled',
  'trafficking trafficked traffic',
  'office offices branch branches network',
  'elections election vote voting',
  'resettle resettlement resettled',
  'displaced uprooted',
  'health medical',
  'kind type sort category',
  'run running lead leads leading led head heads',
  'global worldwide',
  'swiss switzerland',
  'french france',
  'spanish spain',
  'european europe',
  'afghan afghanistan',
  'iraqi iraq',
  'vietnamese vietnam',
  'american america',
].map((group) => [...new Set(words(group).map(stem))]);

const EXPANSIONS = new Map<string, string[]>();
for (const group of GROUPS) {
  for (const term of group) {
    const others = group.filter((other) => other !== term);
    EXPANSIONS.set(term, [...new Set([...(EXPANSIONS.get(term) ?? []), ...others])]);
  }
}

/** Equivalent stemmed terms for a stemmed term (empty when none). */
export function synonymsOf(term: string): string[] {
  return EXPANSIONS.get(term) ?? [];
}
