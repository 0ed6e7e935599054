import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/document.js';
import { parseHtml } from '../../src/corpus/parse-html.js';
import { dropRepeatedBlocks } from '../../src/corpus/repeated-blocks.js';

const FOOTER = '<p>© Harbour Board. All rights reserved.</p>';
const SWITCHER = '<p>Read in: English, Français.</p>';

/** A page of its own content, with the site's furniture appended when `furniture` is set. */
const page = (n: number, furniture: boolean): Document =>
  parseHtml({
    id: `page-${n}`,
    file: `page-${n}.html`,
    html: `<h1>Page ${n}</h1><p>Page ${n} describes berth ${n}, where the ferries from the northern islands moor overnight.</p><pre>GET /berths HTTP/1.1</pre>${furniture ? `${SWITCHER}${FOOTER}` : ''}`,
  });

const berth = (n: number) => `Page ${n} describes berth ${n}, where the ferries from the northern islands moor overnight.`;
const blockTexts = (document: Document) => document.blocks.map((block) => document.text.slice(block.start, block.end));

describe('dropRepeatedBlocks', () => {
  it('drops prose blocks repeated on more than half of the documents (and on at least 3), keeping text and offsets', () => {
    const documents = [1, 2, 3, 4].map((n) => page(n, n !== 4));
    const cleaned = dropRepeatedBlocks(documents);
    expect(blockTexts(cleaned[0]!)).toEqual([berth(1), 'GET /berths HTTP/1.1']);
    expect(blockTexts(cleaned[3]!)).toEqual([berth(4), 'GET /berths HTTP/1.1']);
    // The source viewer still shows the page as it was: only the answer material changes.
    expect(cleaned[0]!.text).toBe(documents[0]!.text);
    expect(cleaned[0]!.text).toContain('All rights reserved.');
  });

  it('keeps a block repeated on half of the corpus or fewer', () => {
    const documents = [1, 2, 3, 4, 5, 6].map((n) => page(n, n <= 3));
    const cleaned = dropRepeatedBlocks(documents);
    expect(blockTexts(cleaned[0]!)).toContain('© Harbour Board. All rights reserved.');
  });

  it.each([1, 2])('never drops anything in a corpus of %i document(s)', (count) => {
    const documents = Array.from({ length: count }, (_, i) => page(i + 1, true));
    expect(dropRepeatedBlocks(documents)).toEqual(documents);
  });

  it('drops nothing from documents that are copies of each other: their content is not furniture', () => {
    const copies = [1, 2, 3].map((n) => ({ ...page(1, true), id: `copy-${n}`, file: `copy-${n}.html` }));
    expect(dropRepeatedBlocks(copies)).toEqual(copies);
  });

  it('never drops repeated code: an example shared by pages is content', () => {
    const cleaned = dropRepeatedBlocks([1, 2, 3].map((n) => page(n, false)));
    for (const document of cleaned) expect(blockTexts(document)).toContain('GET /berths HTTP/1.1');
  });
});
