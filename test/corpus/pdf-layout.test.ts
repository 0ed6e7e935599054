import { describe, expect, it } from 'vitest';
import { layoutBlocks } from '../../src/corpus/pdf/layout-blocks.js';
import type { PdfLine } from '../../src/corpus/pdf/page-lines.js';
import { dropRunningFurniture } from '../../src/corpus/pdf/running-furniture.js';

/** A line as page-lines reads it: one cell, body size unless said otherwise. */
const line = (page: number, y: number, text: string, options: Partial<PdfLine> = {}): PdfLine => ({
  text,
  page,
  x: 60,
  xEnd: 60 + 5 * text.length,
  y,
  size: 10,
  bold: false,
  cellStarts: [options.x ?? 60],
  cells: [text],
  spanning: true,
  ...options,
});

describe('PDF running heads', () => {
  it('leaves out a running head read as two pieces on one baseline on some pages and as one line on others', () => {
    const body = [
      ['Unpack the gauge and keep the foam insert.', 'The gauge travels in it for calibration.', 'Check the seals.'],
      ['Fix the bracket to a pile below the lowest tide.', 'The sensor must stay submerged.', 'Tighten both bolts.'],
      ['The gauge runs from a 12 V battery.', 'It draws 40 mA while it logs.', 'Charge it weekly.'],
      ['Readings are stored every six minutes.', 'Download them with the serial cable.', 'Erase the log after.'],
    ];
    const pages = [1, 2, 3, 4].map((page) => {
      const head =
        page % 2 === 0
          ? [line(page, 780, 'REF: TG-100', { bold: true }), line(page, 780, 'Tide Gauge Manual Rev 2', { x: 330, bold: true })]
          : [line(page, 780, 'REF: TG-100 Tide Gauge Manual Rev 2', { bold: true })];
      return [...head, line(page, 766, 'Hardware Reference', { x: 250, bold: true }), ...body[page - 1]!.map((text, i) => line(page, 700 - 14 * i, text)), line(page, 40, `Page ${page} of 4`)];
    });
    const kept = dropRunningFurniture(pages).flat().map((kept) => kept.text);
    expect(kept).toEqual(body.flat());
  });
});

describe('PDF lists', () => {
  it('reads lines opening with a symbol-font bullet (a private-use code point, as Word exports "•") as list items', () => {
    const lines = [
      line(1, 700, 'In the box you will find three items:'),
      line(1, 686, '\uF0B7 the gauge', { x: 72 }),
      line(1, 672, '\uF0B7 a mounting bracket', { x: 72 }),
      line(1, 658, '\uF0B7 a signal cable', { x: 72 }),
    ];
    const blocks = layoutBlocks(lines, []);
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'list']);
    const list = blocks[1]!;
    expect(list.kind === 'list' && list.items.map((item) => item.map((piece) => piece.text).join(' '))).toEqual([
      '\uF0B7 the gauge',
      '\uF0B7 a mounting bracket',
      '\uF0B7 a signal cable',
    ]);
  });
});

describe('PDF contents pages', () => {
  it('leaves out a contents list with its title, so the title is no empty section over the chapters', () => {
    const pages = [
      [
        line(1, 760, 'Contents', { size: 16 }),
        line(1, 730, '1 Installing the gauge ........................ 3'),
        line(1, 716, '2 Reading the log ............................. 5'),
        line(1, 690, 'List of Figures', { size: 16 }),
        line(1, 670, 'Figure 1. The bracket ......................... 4'),
      ],
      [line(2, 760, '1 Installing the gauge', { size: 16 }), line(2, 730, 'Fix the bracket to a pile below the lowest tide.')],
    ];
    const kept = dropRunningFurniture(pages).flat().map((kept) => kept.text);
    expect(kept).toEqual(['1 Installing the gauge', 'Fix the bracket to a pile below the lowest tide.']);
  });

  it("keeps a chapter's title above the chapter's own contents", () => {
    const page = [line(1, 760, 'Chapter 2 Installation', { size: 24 }), line(1, 730, '2.1 Unpacking ........................ 14')];
    expect(dropRunningFurniture([page]).flat().map((kept) => kept.text)).toEqual(['Chapter 2 Installation']);
  });
});

describe('PDF headings', () => {
  it('keeps a title the outline names as a heading, however it reads', () => {
    const title = 'Never open the housing while the battery is connected.';
    const lines = [line(1, 760, title, { size: 14 }), ...Array.from({ length: 8 }, (_, i) => line(1, 700 - 14 * i, 'The gauge runs from a 12 V battery.'))];
    const blocks = layoutBlocks(lines, [{ title, level: 1 }]);
    expect(blocks[0]).toMatchObject({ kind: 'heading', level: 1 });
  });

  const textOf = (lines: PdfLine[]) => lines.map((piece) => piece.text).join(' ');
  const page = (large: string[]) => [
    line(1, 760, 'Safety Notes', { size: 16 }),
    ...large.map((text, i) => line(1, 720 - 40 * i, text, { size: 14 })),
    // The body: most of the page's text, so 10 pt is the body size.
    ...Array.from({ length: 12 }, (_, i) => line(1, 500 - 14 * i, 'The gauge runs from a 12 V battery and draws 40 mA while it logs readings.')),
  ];

  it('reads a sentence, a web address or a row of fields set large as a paragraph, not a heading', () => {
    const sentences = [
      'Never open the housing while the battery is connected.',
      'Return the gauge only with a ticket. Gauges sent without one are not repaired.',
      'Firmware updates are at example.org/gauge/firmware',
      'Size: 12 x 8 cm Height: 3 cm Weight: 400 g',
    ];
    const blocks = layoutBlocks(page(sentences), []);
    expect(blocks.filter((block) => block.kind === 'heading').map((block) => textOf(block.lines))).toEqual(['Safety Notes']);
    expect(blocks.filter((block) => block.kind === 'paragraph').map((block) => textOf(block.lines))).toEqual(expect.arrayContaining(sentences));
  });

  it('keeps a title set large as a heading: a colon, a question, an abbreviation or a numbered one', () => {
    const titles = [
      'Part 2: Mounting the Gauge',
      'What Is in the Box?',
      'Why Upgrade? New Features in 2.0',
      'Python vs. Java: Choosing a Runtime',
      'Acme Inc. Tide Gauge User Guide',
      'Appendix A. Glossary',
      '1. Introduction',
    ];
    const blocks = layoutBlocks(page(titles), []);
    expect(blocks.filter((block) => block.kind === 'heading').map((block) => textOf(block.lines))).toEqual(['Safety Notes', ...titles]);
  });
});
