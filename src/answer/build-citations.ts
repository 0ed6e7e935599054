import { pageAt, type Document } from '../domain/document.js';
import type { Chunk } from '../domain/chunk.js';
import type { Citation } from './answer-types.js';

export interface QuotedSpan {
  chunk: Chunk;
  start: number;
  end: number;
}

/**
 * Builds citations from document offsets, numbered in order of first use. The quote is always cut from the
 * document text, and checked: a span outside its document or its chunk is a bug and throws, never a bad citation.
 */
export function buildCitation(n: number, span: QuotedSpan, documents: Map<string, Document>): Citation {
  const document = documents.get(span.chunk.sourceId);
  if (!document) throw new Error(`Citation points to unknown document ${span.chunk.sourceId}`);
  if (span.start < span.chunk.start || span.end > span.chunk.end || span.start >= span.end) {
    throw new Error(`Citation span ${span.start}-${span.end} lies outside chunk ${span.chunk.id}`);
  }
  const quote = document.text.slice(span.start, span.end);
  const page = pageAt(document, span.start);
  return {
    n,
    sourceId: document.id,
    title: document.title,
    section: span.chunk.section,
    quote,
    start: span.start,
    end: span.end,
    ...(document.url ? { url: document.url } : {}),
    ...(page !== undefined ? { page } : {}),
    chunkId: span.chunk.id,
  };
}

/**
 * True when every citation can be checked: its quote is exactly its document's text at its offsets, and a citation of
 * a paged source (a PDF) names the page its quote starts on.
 */
export function citationsAreVerbatim(citations: Citation[], documents: Map<string, Document>): boolean {
  return citations.every((citation) => {
    const document = documents.get(citation.sourceId);
    if (document?.text.slice(citation.start, citation.end) !== citation.quote) return false;
    return !document.pages || citation.page === pageAt(document, citation.start);
  });
}
