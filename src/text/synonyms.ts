import { isStopWord, stem, words } from './tokenize.js';
import { wordnetSynonyms } from './wordnet.js';

/**
 * Synonyms for query expansion and for the answerer's coverage checks, by stem.
 *
 * Two sources:
 * - WordNet (`wordnet.ts`): the first-sense synonyms of the words a question actually uses ("purchase" → "buy").
 *   WordNet answers about words, while callers hold stems ("purchas"), so {@link learnSynonyms} looks a query's
 *   words up and remembers, per stem, the stems of their synonyms; {@link synonymsOf} then answers for that stem.
 *   Looking a stem's every WordNet lemma up instead would mix unrelated words that share it ("organ",
 *   "organization" and "organism" all stem to "organ").
 * - A few general-English equivalence groups WordNet's first senses miss ("employees" / "staff", "budget" /
 *   "spending"). Domain-neutral on purpose: nothing here names an entity or a topic of any corpus.
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
  'office offices branch branches network',
  'elections election vote voting',
  'health medical',
  'kind type sort category',
  'run running lead leads leading led head heads',
  'global worldwide',
].map((group) => [...new Set(words(group).map(stem))]);

/** Equivalent stemmed terms of a stemmed term (empty when none). */
export type SynonymsOf = (term: string) => readonly string[];

const GROUP_SYNONYMS = new Map<string, string[]>();
for (const group of GROUPS) {
  for (const term of group) {
    const others = group.filter((other) => other !== term);
    GROUP_SYNONYMS.set(term, [...new Set([...(GROUP_SYNONYMS.get(term) ?? []), ...others])]);
  }
}

/**
 * Stems remembered before the map is emptied. A deployment sees a few thousand distinct question words again and
 * again (the same working set as `wordnet.ts`'s cache); emptying costs one WordNet lookup per word seen again.
 */
const MAX_LEARNED_STEMS = 5000;

/** stem → stems of the WordNet synonyms of the query words that produced it. */
const learned = new Map<string, Set<string>>();

/** A word worth a lookup: not a stop word, no digits (numbers, identifiers' parts), three letters or more. */
function isContentWord(word: string): boolean {
  return word.length >= 3 && !/\d/.test(word) && !isStopWord(word);
}

/**
 * Looks the words of a query up in WordNet (first sense of each part of speech) and remembers the stems of their
 * synonyms under the word's stem, for {@link wordnetSynonymsOf} and {@link synonymsOf}. Synonyms that are stop
 * words or stem to the word itself are dropped; whether the corpus has a synonym is left to the index (a term
 * without postings scores nothing). Offline and cheap: WordNet answers are cached per word.
 */
export function learnSynonyms(text: string): void {
  for (const word of words(text)) {
    if (!isContentWord(word)) continue;
    const term = stem(word);
    const found = new Set<string>();
    for (const synonym of wordnetSynonyms(word)) {
      for (const synonymWord of words(synonym)) {
        if (!isContentWord(synonymWord)) continue;
        const synonymTerm = stem(synonymWord);
        if (synonymTerm !== term) found.add(synonymTerm);
      }
    }
    if (found.size === 0) continue;
    let known = learned.get(term);
    if (!known) {
      if (learned.size >= MAX_LEARNED_STEMS) learned.clear();
      learned.set(term, (known = new Set()));
    }
    for (const synonymTerm of found) known.add(synonymTerm);
  }
}

/** WordNet synonyms (stems) of a stemmed term, as learned from the queries seen so far; empty when none. */
export function wordnetSynonymsOf(term: string): string[] {
  const known = learned.get(term);
  return known ? [...known] : [];
}

/** Synonyms (stems) of a stemmed term from the general-English groups; empty when none. */
export function groupSynonymsOf(term: string): string[] {
  return GROUP_SYNONYMS.get(term) ?? [];
}

/**
 * Equivalent stemmed terms for a stemmed term (empty when none): the general-English groups plus the WordNet
 * synonyms learned from the queries' words ({@link learnSynonyms}, which query handling calls before answering).
 */
export function synonymsOf(term: string): string[] {
  const fromGroups = groupSynonymsOf(term);
  const known = learned.get(term);
  if (!known) return fromGroups;
  return [...new Set([...fromGroups, ...known])];
}
