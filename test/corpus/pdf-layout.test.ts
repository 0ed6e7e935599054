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
