import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/document.js';
import { evidenceSpans } from '../../src/eval/locate-evidence.js';

const documentOf = (text: string): Document => ({ id: 'd', title: 'D', file: 'd.txt', text, sections: [], blocks: [], references: [] });

describe('evidenceSpans', () => {
  it('finds a span that crosses a hard line break and indentation, and returns its exact offsets', () => {
    const text = 'Intro.\n\nThe server sends the reply\n      code 331 when a password is needed.';
    const [span] = evidenceSpans(['sends the reply code 331 when'], [documentOf(text)]);
    expect(text.slice(span!.start, span!.end)).toBe('sends the reply\n      code 331 when');
  });

  it('ignores markup characters on either side', () => {
    const text = 'Use the `Vary` header to list the **request** headers.';
    const [span] = evidenceSpans(['Use the Vary header to list the request headers'], [documentOf(text)]);
    expect(text.slice(span!.start, span!.end)).toBe('Use the `Vary` header to list the **request** headers');
  });

  it('reads typographic quotes as the straight ones a writer types', () => {
    const text = 'An offset isn\u2019t accurate for \u201csummer time\u201d regions.';
    const [span] = evidenceSpans(['offset isn\'t accurate for "summer time" regions'], [documentOf(text)]);
    expect(text.slice(span!.start, span!.end)).toBe('offset isn\u2019t accurate for \u201csummer time\u201d regions');
  });

  it('finds every occurrence and nothing when the words differ', () => {
    const document = documentOf('one two three. one two three.');
    expect(evidenceSpans(['one two three'], [document])).toHaveLength(2);
    expect(evidenceSpans(['one three two'], [document])).toHaveLength(0);
  });
});
