import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/corpus/document.js';
import { parsePlainText } from '../../src/corpus/parse-plain-text.js';

const parse = (text: string, title?: string) => parsePlainText({ id: 'doc', file: 'doc.txt', text, ...(title ? { title } : {}) });
const blockTexts = (document: Document) => document.blocks.map((block) => document.text.slice(block.start, block.end));
const blockOf = (document: Document, needle: string) => document.blocks.find((block) => document.text.slice(block.start, block.end).includes(needle));

/** A three-page memo: header block, centred title, running header/footer, form feeds, a sentence cut by a break. */
const memo = [
  'Garden Working Group                                        A. Gardener',
  'Memo Number: 12                                             Seed Library',
  'Category: Informational                                     March 2001',
  '',
  '',
  '                     SEED EXCHANGE PROCEDURES',
  '',
  'Table of Contents',
  '',
  '   1. Introduction ..............................................  1',
  '   2. Lending ...................................................  2',
  '      2.1. Returns ..............................................  3',
  '',
  '1.  Introduction',
  '',
  '   The library lends seeds to members each spring and asks for seeds',
  '   back in the autumn, so that the collection renews itself every',
  '',
  '',
  'Gardener                                                        [Page 1]',
  '\f',
  'Memo 12                    Seed Exchange                     March 2001',
  '',
  '',
  '   year without purchases.  Members keep a tree-',
  '   like record of where each packet came from.',
  '',
  '2.  Lending',
  '',
  '   Seeds are lent in small packets.',
  '',
  'Gardener                                                        [Page 2]',
  '\f',
  'Memo 12                    Seed Exchange                     March 2001',
  '',
  '   2.1.  Returns',
  '',
  '      A returned packet is answered with one of these codes:',
  '',
  '         210 Packet accepted.',
  '         310 Packet needs a label.',
  '             Add the variety and the year.',
  '         410 Packet refused.',
  '',
  '      The sorting table looks like this:',
  '',
  '         +--------+      +--------+',
  '         | intake |----->| shelf  |',
  '         +--------+      +--------+',
  '',
  'Gardener                                                        [Page 3]',
  '\f',
  'Memo 12                    Seed Exchange                     March 2001',
  '',
  '3.  Contacts',
  '',
  '   Write to the library.',
  '',
  'Gardener                                                        [Page 4]',
  '',
].join('\n');

describe('parsePlainText on a paginated memo', () => {
  const document = parse(memo);

  it('every block and section slices the clean text to itself', () => {
    for (const block of document.blocks) {
      const slice = document.text.slice(block.start, block.end);
      expect(slice).toBe(slice.trim());
      expect(slice.length).toBeGreaterThan(0);
      for (const unit of block.units ?? []) {
        expect(unit.start).toBeGreaterThanOrEqual(block.start);
        expect(unit.end).toBeLessThanOrEqual(block.end);
      }
    }
    for (const section of document.sections.filter((candidate) => candidate.level > 0)) {
      expect(document.text.slice(section.start, section.bodyStart)).toBe(section.title);
    }
  });

  it('drops form feeds, running headers, footers and page numbers', () => {
    expect(document.text).not.toContain('\f');
    expect(document.text).not.toContain('[Page');
    expect(document.text).not.toContain('Memo 12');
    expect(document.text).not.toMatch(/^Gardener/m);
  });

  it('joins a sentence cut by a page break, and a word hyphenated at a line end', () => {
    expect(blockTexts(document)).toContain(
      'The library lends seeds to members each spring and asks for seeds back in the autumn, so that the collection renews itself every year without purchases. Members keep a tree-like record of where each packet came from.',
    );
  });

  it('reads the header block as metadata and the centred line as the title', () => {
    expect(document.title).toBe('SEED EXCHANGE PROCEDURES');
    expect(document.metadata).toMatchObject({ 'memo number': '12', category: 'Informational', date: 'March 2001' });
    expect(document.text).not.toContain('Garden Working Group');
  });

  it('makes numbered headings sections with the numbering depth as level; the contents make none', () => {
    expect(document.sections.map((section) => [section.title, section.level])).toEqual([
      ['1. Introduction', 1],
      ['2. Lending', 1],
      ['2.1. Returns', 2],
      ['3. Contacts', 1],
    ]);
    expect(document.text).not.toContain('.....');
  });

  it('reads codes with descriptions as a list with its lead-in, each code kept in its item', () => {
    const list = blockOf(document, '310 Packet needs a label.')!;
    expect(list.kind).toBe('list');
    expect(list.units!.map((unit) => document.text.slice(unit.start, unit.end))).toEqual([
      'A returned packet is answered with one of these codes:',
      '210 Packet accepted.',
      '310 Packet needs a label. Add the variety and the year.',
      '410 Packet refused.',
    ]);
    expect(document.sections[list.section]!.title).toBe('2.1. Returns');
  });

  it('keeps a diagram verbatim as code', () => {
    const code = blockOf(document, 'intake')!;
    expect(code.kind).toBe('code');
    expect(document.text.slice(code.start, code.end)).toBe(['+--------+      +--------+', '| intake |----->| shelf  |', '+--------+      +--------+'].join('\n'));
  });
});

describe('parsePlainText on unpaginated text', () => {
  it('takes a short first line as the title; a sidecar title wins', () => {
    expect(parse('Compost Notes\n\nTurn the heap weekly.').title).toBe('Compost Notes');
    expect(parse('Compost Notes\n\nTurn the heap weekly.').text).toBe('Turn the heap weekly.');
    expect(parse('Compost Notes\n\nTurn the heap weekly.', 'Given').title).toBe('Given');
    expect(parse('This first line is a sentence.\n\nMore.').title).toBe('doc');
  });

  it('reads underlined and ALL-CAPS headings', () => {
    const document = parse(['Guide', '=====', '', 'Intro text here.', '', 'Setup', '-----', '', 'Install it first.', '', 'TROUBLESHOOTING', '', 'Ask for help.'].join('\n'));
    expect(document.title).toBe('Guide');
    expect(document.sections.map((section) => [section.title, section.level])).toEqual([
      ['Guide', 0],
      ['Setup', 2],
      ['TROUBLESHOOTING', 1],
    ]);
  });

  it('reads bullets without their marker and a counted list as ordered', () => {
    const document = parse(['Notes', '', 'You will need:', '', '- a spade', '- a fork', '', 'Then:', '', '1. Dig.', '2. Turn.'].join('\n'));
    expect(blockTexts(document)).toEqual(['You will need:\n\n• a spade\n• a fork', 'Then:\n\n1. Dig.\n2. Turn.']);
    expect(document.sections.filter((section) => section.level > 0)).toEqual([]);
  });

  it('does not make a section of a numbered line out of sequence', () => {
    const document = parse(['Notes', '', '1.  First Part', '', '   Text.', '', '7.  Not Next', '', '   More text.'].join('\n'));
    expect(document.sections.map((section) => section.title)).toEqual(['1. First Part']);
  });

  it('keeps a grammar as code', () => {
    const document = parse(['Notes', '', 'The syntax is:', '', '   command  = name SP argument CRLF', '   name     = 1*ALPHA'].join('\n'));
    expect(blockOf(document, 'name SP')!.kind).toBe('code');
  });
});
