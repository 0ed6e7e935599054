import type { LoadedIndex } from '../store/index-files.js';
import { findAcronyms } from '../text/acronyms.js';
import { terms, words } from '../text/tokenize.js';

export interface CorpusVocabulary {
  acronyms: Map<string, string[]>;
  titleTerms: Map<string, string[]>;
  /** Words the corpus writes in lower case somewhere: capitalised, they are a title's words, not a name's. */
  lowercaseWords: Set<string>;
}

const vocabularies = new WeakMap<LoadedIndex, CorpusVocabulary>();

/** Acronyms defined anywhere in the corpus and each document's title terms; computed once per loaded index. */
export function vocabularyOf(index: LoadedIndex): CorpusVocabulary {
  let vocabulary = vocabularies.get(index);
  if (!vocabulary) {
    const acronyms = new Map<string, string[]>();
    const titleTerms = new Map<string, string[]>();
    const lowercaseWords = new Set<string>();
    for (const document of index.documents.values()) {
      for (const [acronym, longForm] of findAcronyms(document.text)) if (!acronyms.has(acronym)) acronyms.set(acronym, longForm);
      titleTerms.set(document.id, terms(document.title));
      for (const word of document.text.match(/(?<![\p{L}'’])\p{Ll}+(?![\p{L}])/gu) ?? []) lowercaseWords.add(words(word)[0] ?? word);
    }
    vocabulary = { acronyms, titleTerms, lowercaseWords };
    vocabularies.set(index, vocabulary);
  }
  return vocabulary;
}
