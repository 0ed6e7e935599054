import { describe, expect, it } from 'vitest';
import { composeExtractiveAnswer } from '../../src/answer/extractive/compose-answer.js';
import { withListItems } from '../../src/answer/extractive/list-lead-in.js';
import type { Chunk } from '../../src/domain/chunk.js';
import type { Block, Document } from '../../src/domain/document.js';

/** A document of blocks separated by blank lines, as the readers write clean text; one chunk holds all of it. */
function documentOf(blocks: { kind: Block['kind']; text: string }[]): { documents: Map<string, Document>; chunk: Chunk } {
  let text = '';
  const spans: Block[] = [];
  for (const block of blocks) {
    if (text) text += '\n\n';
    spans.push({ kind: block.kind, start: text.length, end: text.length + block.text.length, section: 0 });
    text += block.text;
  }
  const document: Document = { id: 'guide', title: 'Guide', file: 'guide.md', text, sections: [], references: [], blocks: spans };
  const chunk: Chunk = { id: 'guide#0', sourceId: 'guide', section: 'Guide', sectionPath: 'Guide', start: 0, end: text.length, text, sentences: [] };
  return { documents: new Map([['guide', document]]), chunk };
}

const leadIn = 'To verify host keys using DNS, add the following option to the configuration file:';
const quoteOf = (documents: Map<string, Document>, chunk: Chunk, code: boolean) =>
  withListItems(documents, { span: { chunk, start: 0, end: leadIn.length }, text: leadIn, field: false }, { code }).text;

describe('a lead-in quoted with what it introduces', () => {
  it('quotes the code block right after it, whole, when code or configuration is asked for', () => {
    const { documents, chunk } = documentOf([
      { kind: 'paragraph', text: leadIn },
      { kind: 'code', text: 'VerifyHostKeyDNS yes' },
      { kind: 'paragraph', text: 'Upon connection the client looks up the fingerprint.' },
    ]);
    expect(quoteOf(documents, chunk, true)).toBe(`${leadIn}\n\nVerifyHostKeyDNS yes`);
    expect(quoteOf(documents, chunk, false)).toBe(leadIn);
  });

  it('does not reach past a paragraph to a later code block, nor past the chunk', () => {
    const apart = documentOf([
      { kind: 'paragraph', text: leadIn },
      { kind: 'paragraph', text: 'It is read at start-up.' },
      { kind: 'code', text: 'VerifyHostKeyDNS yes' },
    ]);
    expect(quoteOf(apart.documents, apart.chunk, true)).toBe(leadIn);
    const cut = documentOf([
      { kind: 'paragraph', text: leadIn },
      { kind: 'code', text: 'VerifyHostKeyDNS yes' },
    ]);
    expect(quoteOf(cut.documents, { ...cut.chunk, end: leadIn.length }, true)).toBe(leadIn);
  });

  it('quotes the code block once when it was chosen as well as its lead-in', () => {
    const { documents, chunk } = documentOf([
      { kind: 'paragraph', text: leadIn },
      { kind: 'code', text: 'VerifyHostKeyDNS yes' },
    ]);
    const code = { span: { chunk, start: leadIn.length + 2, end: leadIn.length + 22 }, text: 'VerifyHostKeyDNS yes', field: false };
    const answer = composeExtractiveAnswer(documents, [{ span: { chunk, start: 0, end: leadIn.length }, text: leadIn, field: false }, code], {
      wantsCode: true,
    });
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]!.quote).toContain('VerifyHostKeyDNS yes');
  });
});
