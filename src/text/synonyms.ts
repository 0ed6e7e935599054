import { isStopWord, stem, words } from './tokenize.js';
import { wordnetSynonyms } from './wordnet.js';

/**
 * Synonyms for query expansion and for the answerer's coverage checks, by stem.
 *
 * Two sources:
 * - WordNet (`wordnet.ts`): the first-sense synonyms of the words a question actually uses ("purchase" → "buy").
 *   WordNet answers about words, while callers hold stems ("purchas"), so {@link synonymExpansion} looks the words of
 *   a query's texts up and answers, per stem of those words, with the stems of their synonyms. Looking a stem's every
 *   WordNet lemma up instead would mix unrelated words that share it ("organ", "organization" and "organism" all
 *   stem to "organ"). The expansion depends only on the texts given: nothing is remembered from one query to the
 *   next, so an answer never depends on what was asked before.
 * - A few general-English equivalence groups WordNet's first senses miss ("employees" / "staff", "budget" /
 *   "spending"). Domain-neutral on purpose: nothing here names an entity or a topic of any corpus.
 */
const GROUPS = [
  'employee staff personnel worker workforce employ',
  'found founded establish established create created formation born',
  'headquarters headquartered based seat',
  'rename renamed name named title',
  'first initial initially original originally',
  'woman women female',
  'man men male',
  'child children minor',
  'budget funding spending income revenue',
  'border frontier boundary',
  'job jobs employment',
  'help assist aid support',
  'start begin began launch launched commence',
  'annual annually yearly year',
  'principle principles rule rules basis',
  'leader head director chief',
  'goal aim objective purpose mission mandate mandated',
  'language languages tongue',
  'member members membership',
  'fraction proportion share percentage half',
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

/** A word worth a lookup: not a stop word, no digits (numbers, identifiers' parts), three letters or more. */
function isContentWord(word: string): boolean {
  return word.length >= 3 && !/\d/.test(word) && !isStopWord(word);
}

/**
 * The WordNet synonyms of the words of `texts` (first sense of each part of speech), as stems, by the stem of the
 * word they are synonyms of. Synonyms that are stop words or stem to the word itself are dropped; whether the corpus
 * has a synonym is left to the index (a term without postings scores nothing). Offline and cheap: WordNet answers
 * are cached per word.
 */
export function wordnetSynonymsIn(texts: Iterable<string>): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const text of texts) {
    for (const word of words(text)) {
      if (!isContentWord(word)) continue;
      const term = stem(word);
      for (const synonym of wordnetSynonyms(word)) {
        for (const synonymWord of words(synonym)) {
          if (!isContentWord(synonymWord)) continue;
          const synonymTerm = stem(synonymWord);
          if (synonymTerm === term) continue;
          let known = found.get(term);
          if (!known) found.set(term, (known = new Set()));
          known.add(synonymTerm);
        }
      }
    }
  }
  return new Map([...found].map(([term, synonyms]) => [term, [...synonyms]]));
}

/** Synonyms (stems) of a stemmed term from the general-English groups; empty when none. */
export function groupSynonymsOf(term: string): string[] {
  return GROUP_SYNONYMS.get(term) ?? [];
}

/**
 * The synonyms a query's texts bring: for a stemmed term, the general-English groups plus the WordNet synonyms of
 * the texts' words with that stem (only the groups for any other term). A function of the texts alone.
 */
export function synonymExpansion(texts: Iterable<string>): SynonymsOf {
  const wordnet = wordnetSynonymsIn(texts);
  const merged = new Map<string, string[]>();
  return (term) => {
    const fromWordnet = wordnet.get(term);
    if (!fromWordnet) return groupSynonymsOf(term);
    let synonyms = merged.get(term);
    if (!synonyms) merged.set(term, (synonyms = [...new Set([...groupSynonymsOf(term), ...fromWordnet])]));
    return synonyms;
  };
}
