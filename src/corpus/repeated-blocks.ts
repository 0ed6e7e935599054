import type { Document } from './document.js';

/** Drops page furniture that repeats across the documents of a corpus. Placeholder: returns them unchanged. */
export function dropRepeatedBlocks(documents: Document[]): Document[] {
  return documents;
}
