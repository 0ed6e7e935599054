import type { Span } from './span.js';

/** How documents are cut into chunks; recorded in the index manifest. */
export interface ChunkerSettings {
  /** Target maximum characters per chunk; a single sentence longer than this stays whole. */
  chunkSize: number;
  /** Sentences repeated from the end of the previous chunk of the same section. */
  overlapSentences: number;
}

/** A quotable unit of a chunk: a sentence, a list item or lead-in, a table row, a definition, an infobox field, or a
 * whole code block (`code: true`: quoted only when code is asked for, never as a prose sentence). */
export interface QuoteUnit extends Span {
  code?: true;
  /** A labelled field: an infobox line, a table row read with its headers, a term with its description. Terse, and
   * its label says what its value is. */
  field?: true;
  /** A footnote: one citing a source is quoted only when a question asks for a source (`asksForSource`). */
  note?: true;
}

export interface Chunk {
  id: string;
  sourceId: string;
  /** The innermost heading the chunk sits under. */
  section: string;
  /** "Activities › Counter-Trafficking": used to enrich retrieval, never shown as a quote. */
  sectionPath: string;
  start: number;
  end: number;
  /** Always `document.text.slice(start, end)`. */
  text: string;
  /** The units an extractive answer quotes, in document order (document offsets). */
  sentences: QuoteUnit[];
}
