import { postingsOf } from '../store/bm25.js';
import type { LoadedIndex } from '../store/index-files.js';
import { synonymsOf } from '../text/synonyms.js';
import { isStopWord, stem, terms, words } from '../text/tokenize.js';

const entityCache = new WeakMap<LoadedIndex, Map<string, boolean>>();
const MAX_ENTITIES = 8;
/** Chunks holding all of a name's words that are read for the phrase: enough to find it, bounded on a big corpus. */
const MAX_PHRASE_CHECKS = 50;
const WH_WORDS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how']);

/** Names the question uses: runs of capitalised words ("World Trade Organization", "Africa"), not the opening
 * word a question capitalises anyway. */
export function questionEntities(question: string): string[] {
  const tokens = question.match(/[\p{L}\p{N}#][\p{L}\p{N}'’#.-]*/gu) ?? [];
  // In a question written in title case ("Who Is The Director…") or in capitals every word looks like a name: none
  // can be told apart. Title case shows in its capitalised small words; a name keeps them small ("… for Refugees").
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
    // The first word is capitalised anyway: it starts a name only if it is an acronym ("IOM…", not a shouted "WHO").
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
function entityKnown(index: LoadedIndex, entity: string): boolean {
  let cache = entityCache.get(index);
  if (!cache) entityCache.set(index, (cache = new Map()));
  const cached = cache.get(entity);
  if (cached !== undefined) return cached;
  const phraseWords = words(entity);
  let known = true;
  const entityTerms = [...new Set(terms(entity))];
  if (entityTerms.length > 0) {
    const lists = entityTerms.map((term) => postingsOf(index.lexical, term));
    known = false;
    if (lists.every((list) => list !== undefined)) {
      const shortest = lists.reduce((a, b) => (a!.length <= b!.length ? a : b))!;
      for (let i = 0, checked = 0; i < shortest.length && !known && checked < MAX_PHRASE_CHECKS; i += 2) {
        const chunkIndex = shortest[i]!;
        if (!lists.every((list) => containsChunk(list!, chunkIndex))) continue;
        checked += 1;
        const chunk = index.chunks[chunkIndex];
        if (chunk && inOrder(words(`${chunk.sectionPath} ${chunk.text}`), phraseWords)) known = true;
      }
    }
  }
  if (cache.size > 5000) cache.clear();
  cache.set(entity, known);
  return known;
}

/** Whether `phrase` occurs in `tokens` in order, at most two words apart ("Immigration and Border Management
 * (IBM) Team" has "Immigration and Border Management Team"). */
function inOrder(tokens: string[], phrase: string[]): boolean {
  for (let start = 0; start < tokens.length; start += 1) {
    if (tokens[start] !== phrase[0]) continue;
    let at = start;
    let matched = 1;
    for (; matched < phrase.length; matched += 1) {
      const next = tokens.indexOf(phrase[matched]!, at + 1);
      if (next === -1 || next - at > 3) break;
      at = next;
    }
    if (matched === phrase.length) return true;
  }
  return false;
}

/** Postings are flat [chunkIndex, frequency, …] pairs in chunk order. */
function containsChunk(list: number[], chunkIndex: number): boolean {
  let low = 0;
  let high = list.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = list[middle * 2]!;
    if (value === chunkIndex) return true;
    if (value < chunkIndex) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Share of the names in the question that the corpus never mentions ("the World Trade Organization"). */
export function unknownEntityShare(index: LoadedIndex, question: string): number {
  // A question names a few things; a pasted page would cost a phrase check per capitalised run.
  const entities = questionEntities(question).slice(0, MAX_ENTITIES);
  return entities.length ? entities.filter((entity) => !entityKnown(index, entity)).length / entities.length : 0;
}

/** Terms of the question that say what is asked about it rather than what it is about: the question's own terms
 * minus those of the names it uses and of the document titles ("capital" in "What is the capital of Australia?"). */
export function focusTerms(queryTermList: { term: string; weight: number }[], question: string, titleTerms: Iterable<string[]>): string[] {
  const named = new Set(questionEntities(question).flatMap((entity) => terms(entity)));
  for (const title of titleTerms) for (const term of title) named.add(term);
  return queryTermList.filter((entry) => entry.weight >= 1 && !named.has(entry.term)).map((entry) => entry.term);
}

/** Share of the focus terms the sentence has (or a synonym of); 1 when the question has none. */
export function focusCoverage(focus: string[], sentenceTerms: Set<string>): number {
  if (focus.length === 0) return 1;
  return focus.filter((term) => sentenceTerms.has(term) || synonymsOf(term).some((synonym) => sentenceTerms.has(synonym))).length / focus.length;
}

/** Words that qualify what is asked (order, time relation): "the first Director General", "who came before". A
 * sentence without the qualifier answers a different question. */
const QUALIFIERS = new Set(['first', 'last', 'latest', 'earliest', 'previous', 'next', 'before', 'after', 'prior', 'former', 'succeeded', 'succeed', 'succeeds', 'successor', 'predecessor', 'preceded', 'end', 'ended', 'until']);

export function qualifierMissing(questionQualifiers: string[], sentence: string): number {
  if (questionQualifiers.length === 0) return 0;
  const sentenceStems = new Set(words(sentence).map(stem));
  return questionQualifiers.some((word) => !sentenceStems.has(stem(word))) ? 1 : 0;
}

/** The qualifiers a question uses; "after that", "before this" point back into the conversation and are not one. */
export function questionQualifiers(question: string): string[] {
  return words(question.replace(/\b(after|before|until|prior to)\s+(that|this|then|it)\b/gi, ' ')).filter((word) => QUALIFIERS.has(word));
}

/**
 * Whether the question asks about anything the corpus could hold: it has words of its own and at least one of them
 * (or a synonym) occurs in the corpus. "???", "🙂" or a question in a language the corpus is not in do not.
 */
export function asksAboutCorpus(index: LoadedIndex, question: string): boolean {
  return terms(question).some((term) => !isStopWord(term) && termKnown(index, term));
}

/** The corpus has the term, or one of its synonyms. */
export function termKnown(index: LoadedIndex, term: string): boolean {
  return postingsOf(index.lexical, term) !== undefined || synonymsOf(term).some((synonym) => postingsOf(index.lexical, synonym) !== undefined);
}
