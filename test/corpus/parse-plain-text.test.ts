import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/document.js';
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

  it('titles a file that states no title by its file name as written, not by a first line with an address', () => {
    const credits = parsePlainText({ id: 'credits', file: 'docs/CREDITS', text: 'Ann Gardener <ann@example.org> - Founder of the library\n\nRob Digger - Seeds' });
    expect(credits.title).toBe('docs/CREDITS');
    expect(credits.text).toContain('Ann Gardener <ann@example.org> - Founder of the library');
    expect(parsePlainText({ id: 'protocol-agent', file: 'PROTOCOL.agent.gz', text: 'This file documents the extensions.\n\nMore.' }).title).toBe('PROTOCOL.agent');
  });

  it('reads a numbered heading that opens with an identifier, or in lower case under a two-part number', () => {
    const document = parse(
      ['Notes', '', '1. seed-swap@example.org extension', '', 'Swaps seeds.', '', '1.1. transport: packets by post', '', 'Posted weekly.', '', '2. Returns', '', 'Then:', '', '1. dig the bed', '2. sow the seed'].join('\n'),
    );
    expect(document.sections.map((section) => section.title)).toEqual(['1. seed-swap@example.org extension', '1.1. transport: packets by post', '2. Returns']);
    expect(blockTexts(document)).toContain('Then:\n\n1. dig the bed\n2. sow the seed');
  });

  it('does not make a section of a numbered line out of sequence', () => {
    const document = parse(['Notes', '', '1.  First Part', '', '   Text.', '', '7.  Not Next', '', '   More text.'].join('\n'));
    expect(document.sections.map((section) => section.title)).toEqual(['1. First Part']);
  });

  it('keeps commands typed at an indented shell prompt as code, and a margin "# Title" out of it', () => {
    const document = parse(['Notes', '', 'Prepare the store:', '', '\t# mkdir /var/seeds', '\t# chown root:sys /var/seeds', '\t$ ls -l', '', '# Returns', '', 'Seeds come back in autumn.'].join('\n'));
    expect(blockOf(document, 'mkdir')!.kind).toBe('code');
    expect(blockOf(document, 'Seeds come back')!.kind).not.toBe('code');
  });

  it('keeps a grammar as code', () => {
    const document = parse(['Notes', '', 'The syntax is:', '', '   command  = name SP argument CRLF', '   name     = 1*ALPHA'].join('\n'));
    expect(blockOf(document, 'name SP')!.kind).toBe('code');
  });

  it('keeps a setting or message format shown under its lead-in as code, line by line; an indented quotation stays prose', () => {
    const document = parse(
      [
        'Notes',
        '',
        'To check the seeds on arrival, add the following option to the configuration file:',
        '',
        '    CheckSeeds yes',
        '',
        'The reply is laid out as follows:',
        '',
        '      uint32  reply code',
        '      string  seed name',
        '',
        'The library opens on these days:',
        '',
        '      Monday',
        '      Thursday',
        '',
        'The charter says:',
        '',
        '      Every member returns what was lent.',
        '',
        'Seeds come back in autumn.',
      ].join('\n'),
    );
    expect(blockOf(document, 'CheckSeeds yes')!.kind).toBe('code');
    expect(blockTexts(document)).toContain('uint32  reply code\nstring  seed name');
    expect(blockOf(document, 'Every member returns')!.kind).toBe('paragraph');
    // Plain words, one a line, are no code.
    expect(blockOf(document, 'Monday')!.kind).not.toBe('code');
  });
});

const sectionTitles = (document: Document) => document.sections.filter((section) => section.level > 0).map((section) => section.title);
const unitTexts = (document: Document, needle: string) => {
  const block = blockOf(document, needle)!;
  return (block.units ?? [block]).map((unit) => document.text.slice(unit.start, unit.end));
};

describe('parsePlainText: terms over indented descriptions', () => {
  const glossary = [
    'Orchard Handbook',
    '',
    '1.  Words',
    '',
    '   The handbook uses these words:',
    '',
    '      rootstock',
    '',
    '         The lower part of a grafted tree, chosen for its vigour.',
    '',
    '      SCION',
    '',
    '         The upper part of a grafted tree.  It gives the',
    '         fruit.',
    '',
    '      Fruit Type',
    '         The kind of fruit the scion bears.',
    '',
    '2.  Pruning',
    '',
    '   Prune in late winter.',
  ].join('\n');

  it('reads a run of short lines over deeper paragraphs as one definition list, term by description', () => {
    const document = parse(glossary);
    expect(sectionTitles(document)).toEqual(['1. Words', '2. Pruning']);
    expect(blockOf(document, 'rootstock')!.kind).toBe('definition');
    expect(unitTexts(document, 'rootstock')).toEqual([
      'rootstock: The lower part of a grafted tree, chosen for its vigour.',
      'SCION: The upper part of a grafted tree. It gives the fruit.',
      'Fruit Type: The kind of fruit the scion bears.',
    ]);
    expect(document.sections[blockOf(document, 'rootstock')!.section]!.title).toBe('1. Words');
  });

  it('keeps headings at the margin over indented text as sections', () => {
    const document = parse(['Notes', '', 'Status of this Memo', '', '   Read freely.', '', 'Scope', '', '   Apples only.'].join('\n'));
    expect(sectionTitles(document)).toEqual(['Status of this Memo', 'Scope']);
    expect(document.blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph']);
  });

  it.each([
    ['a figure', ['      The syntax is:', '', '         PRUN <SP> <branch> <CRLF>']],
    ['several paragraphs', ['      Cuts a branch back to a bud.', '', '      A pruned branch is sealed the same day.']],
  ])('keeps every term of a run as a sub-heading when one description holds %s', (_, description) => {
    const document = parse(
      ['Notes', '', '1.  Commands', '', '   GRAFT (GRFT)', '', '      Joins a scion to a stock.', '', '   PRUNE (PRUN)', '', ...description, '', '   WATER (WATR)', '', '      Waters the tree.'].join('\n'),
    );
    expect(sectionTitles(document)).toEqual(['1. Commands', 'GRAFT (GRFT)', 'PRUNE (PRUN)', 'WATER (WATR)']);
    expect(document.blocks.some((block) => block.kind === 'definition')).toBe(false);
  });

  it('reads keywords each over a capitalised description as definitions, a wrapped keyword item as a list item', () => {
    const document = parse(['Notes', '', 'Two commands:', '', '   XDIG hole', '         Dig a hole named "hole".', '   XFILL', '         Fill the hole in.', '', 'Also:', '', '   XCUP change directory to', '        superior of current one'].join('\n'));
    expect(unitTexts(document, 'XDIG')).toEqual(['XDIG hole: Dig a hole named "hole".', 'XFILL: Fill the hole in.']);
    expect(blockOf(document, 'XCUP')!.kind).toBe('list');
  });
});

describe('parsePlainText: what is not a heading', () => {
  it('does not take a contact line with an e-mail address or URL for a heading', () => {
    const document = parse(['Notes', '', 'Further Help', '', '   Ann Gardener', '   Seed Library', '', '   EMail: ann@example.org', '', '   Robert Digger'].join('\n'));
    expect(sectionTitles(document)).toEqual(['Further Help']);
    expect(blockTexts(document)).toContain('EMail: ann@example.org');
  });

  it("keeps the authors' addresses in the text but out of the answer material", () => {
    const document = parse(['Notes', '', '1.  Scope', '', '   Apples only.', '', "2.  Author's Address", '', '   Ann Gardener', '   12 Orchard Lane', '', '   EMail: ann@example.org'].join('\n'));
    expect(document.text).toContain('12 Orchard Lane');
    expect(blockTexts(document)).toEqual(['Apples only.']);
  });

  it('does not take a sentence cut by a displayed example for a heading', () => {
    const document = parse(['Notes', '', '1.  Syntax', '', '   A PLANT command is thus of the general form', '', '      PLANT r1,r2,c1,c2', '', '   where r1 is the row and c1 the column.'].join('\n'));
    expect(sectionTitles(document)).toEqual(['1. Syntax']);
    expect(blockTexts(document)[0]).toBe('A PLANT command is thus of the general form');
  });

  it('reads a centred capitalised line as a heading though the text under it is less indented', () => {
    const document = parse(['Notes', '', '      The heap is turned weekly and kept', '      moist.', '', '                               REPLY CODES', '', '      The reply codes follow.'].join('\n'));
    expect(sectionTitles(document)).toEqual(['REPLY CODES']);
  });
});

describe('parsePlainText: tables, notes and data', () => {
  it('reads a table with a ruled header row as rows read with their headers, a wrapped cell joined to its row', () => {
    const document = parse(
      ['Notes', '', 'The families are:', '', '     Number   Family          Example', '     ------   ------          -------', '     1        dotted quad     10.0.0.1', '     2        hex string      fe80::1', '              with colons', '', 'Text after.'].join('\n'),
    );
    const table = blockOf(document, 'dotted quad')!;
    expect(table.kind).toBe('table');
    expect(unitTexts(document, 'dotted quad')).toEqual(['Number: 1; Family: dotted quad; Example: 10.0.0.1', 'Number: 2; Family: hex string with colons; Example: fe80::1']);
  });

  it('keeps a ruled block whose text crosses the columns as code', () => {
    const document = parse(['Notes', '', 'Look:', '', '   Left side   Right', '   ---------   -----', '   a long entry that crosses', ''].join('\n'));
    expect(blockOf(document, 'Left side')!.kind).toBe('code');
  });

  it('drops a note framed in brackets line by line', () => {
    const document = parse(['Notes', '', 'Body text.', '', '   [ This memo was typed in again for the archive ]', '   [ by a volunteer.                               ]'].join('\n'));
    expect(document.text).toBe('Body text.');
  });

  it('keeps keywords over lines of figures as data, not a list', () => {
    const document = parse(['Notes', '', 'Replies by command:', '', '   DIG', '      125, 150', '         226, 250', '      450', '   FILL', '      200', '      500, 501'].join('\n'));
    expect(blockOf(document, '125, 150')!.kind).toBe('code');
  });
});

describe('parsePlainText: page breaks', () => {
  const page = (lines: string[], n: number) => [...lines, '', `Gardener                                                        [Page ${n}]`, '\f', 'Memo 12                    Seed Exchange                     March 2001', ''];
  it('does not run text on across a break where the indentation changes (a table cell, a term)', () => {
    const text = [
      ...page(['Notes', '', '   The families are:', '', '        Number   Family', '        ------   ------', '        2        hex string', '                 with colons'], 1),
      ...page(['   The port follows the family and is written as', '   a decimal number.'], 2),
      ...page(['   Words used:', '', '      byte size', '         The number of bits in a byte, here eight', '         bits.'], 3),
      ...page(['      word size', '         The number of bits in a word.', '', '   End.'], 4),
    ].join('\n');
    const document = parse(text);
    expect(blockOf(document, 'hex string')!.kind).toBe('table');
    expect(blockTexts(document)).toContain('The port follows the family and is written as a decimal number.');
    expect(unitTexts(document, 'byte size')).toEqual(['byte size: The number of bits in a byte, here eight bits.', 'word size: The number of bits in a word.']);
  });
});

describe('parsePlainText on a file that is only its title line', () => {
  it('keeps the line as the text to answer from, not only as the title', () => {
    const document = parsePlainText({ id: 'note', file: 'note.txt', text: 'Water the ferns on Fridays\n' });
    expect(document.text).toBe('Water the ferns on Fridays');
    expect(document.blocks).toHaveLength(1);
  });
});
