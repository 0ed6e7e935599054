import type { Document } from '../../domain/document.js';
import { findAcronyms } from '../../text/acronyms.js';
import { terms, words } from '../../text/tokenize.js';

export interface DocumentVocabulary {
  /** Acronyms the document defines ("File Transfer Protocol (FTP)"). */
  acronyms: Map<string, string[]>;
  titleTerms: string[];
  /** Words the document writes in lower case somewhere: capitalised, they are a title's words, not a name's. */
  lowercaseWords: Set<string>;
}

const vocabularies = new WeakMap<Document, DocumentVocabulary>();

/**
 * What the answerer needs to know about a document's words, read once per document the first time one of its
 * passages is retrieved (not for the whole corpus at load: on 100k chunks that would stall the first request).
 */
export function vocabularyOf(document: Document): DocumentVocabulary {
  let vocabulary = vocabularies.get(document);
  if (!vocabulary) {
    const lowercaseWords = new Set<string>();
    for (const word of document.text.match(/(?<![\p{L}'’])\p{Ll}+(?![\p{L}])/gu) ?? []) lowercaseWords.add(words(word)[0] ?? word);
    vocabulary = { acronyms: findAcronyms(document.text), titleTerms: terms(document.title), lowercaseWords };
    vocabularies.set(document, vocabulary);
  }
  return vocabulary;
}
