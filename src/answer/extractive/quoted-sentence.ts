import type { QuotedSpan } from '../build-citations.js';

/** A unit of a passage, quoted as it stands in its document. */
export interface QuotedSentence {
  span: QuotedSpan;
  text: string;
  /** A labelled field ("Staff\n8,400"): rendered "Label: Value". */
  field: boolean;
}
