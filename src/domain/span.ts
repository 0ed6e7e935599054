/** A span of a document's text: `text === documentText.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}
