import { createRequire } from 'node:module';
import path from 'node:path';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

/** A run of text on a page as the PDF draws it: where it starts (PDF points, origin bottom left), its size and font. */
export interface TextRun {
  text: string;
  x: number;
  /** The baseline. */
  y: number;
  width: number;
  /** The font size: the glyphs' height on the page. */
  size: number;
  bold: boolean;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
}

export interface PdfOutlineEntry {
  title: string;
  /** 1 for a top-level entry. */
  level: number;
}

/** Why a PDF could not be read, in words the ingest output shows beside the file's name. */
export class UnreadablePdfError extends Error {}

const require = createRequire(import.meta.url);
// pdf.js reads the 14 standard fonts' metrics from its own package folder: no network, no system fonts.
const STANDARD_FONTS = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/**
 * Opens a PDF with pdf.js (Mozilla's parser, its Node build: no network, no canvas) and hands over its pages one at
 * a time, each released after use, so a 300-page file is read with the memory of one page at a time beyond its bytes.
 */
export async function openPdf(data: Uint8Array): Promise<{ pageCount: number; title: string | undefined; outline: PdfOutlineEntry[]; pages: () => AsyncGenerator<PdfPage>; close: () => Promise<void> }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS, verbosity: 0 });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy();
    const name = (error as Error).name;
    if (name === 'PasswordException') throw new UnreadablePdfError('the PDF is encrypted (password-protected); save an unprotected copy to index it');
    throw new UnreadablePdfError(`not a readable PDF (${(error as Error).message})`);
  }
  const metadata = await pdf.getMetadata().catch(() => undefined);
  const info = metadata?.info as { Title?: unknown } | undefined;
  const title = typeof info?.Title === 'string' && info.Title.trim() !== '' ? info.Title.trim() : undefined;
  const outline = flattenOutline((await pdf.getOutline().catch(() => null)) ?? []);
  async function* pages(): AsyncGenerator<PdfPage> {
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      try {
        const [, , width, height] = page.view as [number, number, number, number];
        const content = await page.getTextContent();
        // The operator list loads the page's fonts, whose names tell bold type (a heading's weight) from regular.
        await page.getOperatorList();
        const runs: TextRun[] = [];
        for (const item of content.items) {
          if (!('str' in item)) continue;
          const run = textRun(item, page.commonObjs);
          if (run) runs.push(run);
        }
        yield { number, width, height, runs };
      } finally {
        page.cleanup();
      }
    }
  }
  return { pageCount: pdf.numPages, title, outline, pages, close: () => task.destroy() };
}

function textRun(item: TextItem, fonts: { has: (id: string) => boolean; get: (id: string) => unknown }): TextRun | undefined {
  if (item.str === '') return undefined;
  const [a, b, c, d, x, y] = item.transform as [number, number, number, number, number, number];
  // Text drawn rotated (a margin note, a watermark) is not part of the reading flow.
  if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) return undefined;
  const size = Math.abs(d) || item.height;
  const font = fonts.has(item.fontName) ? (fonts.get(item.fontName) as { name?: string; bold?: boolean } | undefined) : undefined;
  const bold = font?.bold === true || /bold|black|heavy|semibold/i.test(font?.name ?? '');
  return { text: item.str, x, y, width: item.width, size, bold };
}

interface RawOutline {
  title: string;
  items: RawOutline[];
}

function flattenOutline(entries: RawOutline[], level = 1): PdfOutlineEntry[] {
  return entries.flatMap((entry) => [{ title: entry.title.trim(), level }, ...flattenOutline(entry.items ?? [], level + 1)]).filter((entry) => entry.title !== '');
}
