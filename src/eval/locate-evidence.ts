import type { Document } from '../domain/document.js';
import { straightQuote } from '../text/straight-quotes.js';

export interface SourceSpan {
  sourceId: string;
  start: number;
  end: number;
}

/**
 * Characters ignored when an evidence string is looked for: markup a question writer does not copy (`code`,
 * *emphasis*, [links], <tags>, {macros}, # headings). Whitespace runs count as one space.
 */
const IGNORED = /[`*_[\]<>{}#]/;

/** `text` with ignored characters dropped and whitespace runs as one space, and where each kept character came from. */
function normalise(text: string): { flat: string; origin: number[] } {
  let flat = '';
  const origin: number[] = [];
  let pendingSpace = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = straightQuote(text[i]!);
    if (IGNORED.test(char)) continue;
    if (/\s/.test(char)) {
      pendingSpace = flat.length > 0;
      continue;
    }
    if (pendingSpace) {
      flat += ' ';
      origin.push(i - 1);
      pendingSpace = false;
    }
    flat += char;
    origin.push(i);
  }
  return { flat, origin };
}

const normalised = new WeakMap<Document, { flat: string; origin: number[] }>();

/**
 * Every span of a document's clean text where an evidence string occurs, with whitespace and markup ignored and
 * quotes read straight on both sides: a span that crosses a hard line break, that a writer copied from the source
 * file around inline markup, or typed with a straight apostrophe where the source prints a curly one, is found all
 * the same.
 */
export function evidenceSpans(evidence: string[], documents: Iterable<Document>): SourceSpan[] {
  const spans: SourceSpan[] = [];
  const needles = evidence.map((text) => normalise(text).flat).filter((needle) => needle.length > 0);
  for (const document of documents) {
    let haystack = normalised.get(document);
    if (!haystack) normalised.set(document, (haystack = normalise(document.text)));
    for (const needle of needles) {
      for (let at = haystack.flat.indexOf(needle); at !== -1; at = haystack.flat.indexOf(needle, at + 1)) {
        spans.push({ sourceId: document.id, start: haystack.origin[at]!, end: haystack.origin[at + needle.length - 1]! + 1 });
      }
    }
  }
  return spans;
}

export const overlaps = (a: SourceSpan, b: SourceSpan) => a.sourceId === b.sourceId && a.start < b.end && b.start < a.end;

/** Where a chunk (or a sentence of one) lies, as a span of its document. */
export const chunkSpan = (chunk: { sourceId: string; start: number; end: number }): SourceSpan => ({
  sourceId: chunk.sourceId,
  start: chunk.start,
  end: chunk.end,
});
