/** A span of a document's text: `text === documentText.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** Whether `inner` lies inside `outer` (the same span counts). */
export const spanWithin = (inner: Span, outer: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;
