import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { EvalCorpus } from './eval-corpora.js';

/** The long file whose ingest time and peak memory the eval report gives: the length of a long report or manual. */
export const LONG_PDF_PAGES = 300;

/**
 * A folder holding one PDF of `LONG_PDF_PAGES` pages, written once under `root` (and kept: the index of it is
 * rebuilt only when it changes): real prose (the eval corpora's own plain-text documents), set with a running
 * header, page numbers, a heading every few pages and a page in two columns now and then, as long reports are.
 */
export async function longPdfCorpus(root: string): Promise<EvalCorpus> {
  const corpusDir = path.resolve(root, 'long-pdf-source');
  const file = path.join(corpusDir, `report-${LONG_PDF_PAGES}-pages.pdf`);
  if (!(await stat(file).catch(() => undefined))) {
    await mkdir(corpusDir, { recursive: true });
    await writeLongPdf(file, await proseParagraphs());
  }
  return { name: `pdf-${LONG_PDF_PAGES}-pages`, corpusDir, fitSets: [], heldOutSets: [] };
}

/** Paragraphs of the RFCs in eval/corpora/plain-text: hard-wrapped prose joined into paragraphs. */
async function proseParagraphs(): Promise<string[]> {
  const dir = path.join('eval', 'corpora', 'plain-text');
  const paragraphs: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const text = await readFile(path.join(dir, name), 'utf8');
    for (const block of text.split(/\n\s*\n/)) {
      const joined = block.replace(/\s+/g, ' ').trim();
      // Prose only: long enough, sentence-like, no page furniture or diagrams.
      if (joined.length > 200 && /[a-z]\. /.test(joined) && !/[|+]{3}|\f/.test(joined)) paragraphs.push(joined);
    }
  }
  return paragraphs;
}

function writeLongPdf(file: string, paragraphs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 64, right: 64 }, info: { Title: 'A long report' } });
    const stream = createWriteStream(file);
    stream.on('finish', () => resolve());
    stream.on('error', reject);
    document.pipe(stream);
    let pages = 1;
    const furniture = () => {
      const { x, y } = document;
      document.font('Helvetica').fontSize(8);
      document.text('A long report — eval fixture', 64, 36, { lineBreak: false });
      document.text(`Page ${pages}`, 280, 800, { lineBreak: false });
      document.x = x;
      document.y = y;
    };
    document.on('pageAdded', () => {
      pages += 1;
      furniture();
    });
    furniture();
    let next = 0;
    for (let chapter = 1; pages < LONG_PDF_PAGES; chapter += 1) {
      document.font('Helvetica-Bold').fontSize(16).text(`Chapter ${chapter}`, { width: 467 });
      document.moveDown(0.5);
      const chapterEnd = pages + 5;
      while (pages < chapterEnd && pages < LONG_PDF_PAGES) {
        document
          .font('Helvetica')
          .fontSize(10)
          .text(paragraphs[next % paragraphs.length]!, { width: 467, align: 'justify' });
        document.moveDown(0.6);
        next += 1;
      }
      if (pages < LONG_PDF_PAGES) document.addPage();
    }
    document.end();
  });
}
