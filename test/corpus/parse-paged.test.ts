import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { parseDocx } from '../../src/corpus/parse-docx.js';
import { parsePdf } from '../../src/corpus/parse-pdf.js';
import { pageAt, type Document } from '../../src/domain/document.js';
import { REPO_ROOT } from '../helpers/article-index.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/paged');
const read = async (file: string) => new Uint8Array(await readFile(path.join(FIXTURES, file)));
const pdf = async (file: string) => parsePdf({ id: path.basename(file, '.pdf'), file, data: await read(file) });
const textOfPage = (document: Document, number: number) => {
  const page = document.pages!.find((entry) => entry.number === number)!;
  return document.text.slice(page.start, page.end);
};

describe('PDF documents (fixtures made by test/fixtures/paged/make-paged-fixtures.ts)', () => {
  it('leaves out the running header, the footer and the page numbers', async () => {
    const document = await pdf('handbook.pdf');
    expect(document.text).not.toContain('Lighthouse Keeping Handbook');
    expect(document.text).not.toMatch(/Page \d/);
    expect(document.title).toBe('Lighthouse Keeping Handbook');
  });

  it('joins a word hyphenated at a line end', async () => {
    const document = await pdf('handbook.pdf');
    expect(document.text).toContain('scratch the prisms and reduce the range');
    expect(document.text).not.toContain('re- duce');
  });

  it('reads a page set in two columns column by column', async () => {
    const { text } = await pdf('handbook.pdf');
    const leftEnd = text.indexOf('scrapes it off from the outside gallery.');
    const rightStart = text.indexOf('After the storm the keeper walks the shore');
    expect(leftEnd).toBeGreaterThan(0);
    expect(rightStart).toBeGreaterThan(leftEnd);
    expect(text).toContain('keeps the light burning. Spare panes of glass are stored in the watch room.');
  });

  it('makes sections of the headings set larger, levels by size', async () => {
    const { sections } = await pdf('handbook.pdf');
    expect(sections.map((section) => [section.level, section.title])).toEqual([
      [1, '1. Lamps and Lenses'],
      [2, '1.1 Daily duties'],
      [2, '1.2 Fog signals'],
      [1, '2. Storms'],
      [1, '3. Records'],
    ]);
  });

  it('reads a landscape table whose cells wrap row by row, each cell with its header, a row going on over the page break', async () => {
    const document = await pdf('control-catalogue.pdf');
    const table = document.blocks.find((block) => block.kind === 'table')!;
    const rows = table.units!.map((unit) => document.text.slice(unit.start, unit.end));
    expect(rows).toEqual([
      'Area: MOORING (MO); Control: MO-1: Berths are assigned before arrival; Description: The harbour master assigns each vessel a berth and records it in the berth register before the vessel enters the channel; Sources: Port bylaw 4.2 Pilotage code B-7',
      'Control: MO-2: Lines are inspected daily; Description: Mooring lines are inspected at the morning round for chafe and replaced when worn; Sources: Port bylaw 4.5 Rigging guide R-12, R-14',
      'Area: LIGHTING (LI); Control: LI-1: Channel lights are tested; Description: Every channel light is tested at dusk and its failures are reported to the coastguard within the hour, with the light and the time; Sources: Lighthouse act 9.1 Coastguard notice CN-33 Coastguard circular CC-5',
      'Control: LI-2: Spare lamps are stocked; Description: Spare lamps for each light are kept in the watch room and counted monthly; Sources: Stores list S-4',
    ]);
    // The header repeated on the second page is not a row, nor is the footer.
    expect(document.text.match(/Area Control Description Sources|Catalogue page/g)).toBeNull();
    expect(pageAt(document, document.text.indexOf('Spare lamps for each light'))).toBe(2);
    // The row that goes on over the page break is cited on the page it starts on.
    expect(pageAt(document, document.text.indexOf('Area: LIGHTING'))).toBe(1);
  });

  it('keeps a list with its lead-in and reads table rows with their headers', async () => {
    const document = await pdf('handbook.pdf');
    const list = document.blocks.find((block) => block.kind === 'list')!;
    const units = list.units!.map((unit) => document.text.slice(unit.start, unit.end));
    expect(units[0]).toBe('Each morning the keeper carries out the following tasks:');
    expect(units.slice(1)).toEqual([
      'draw the curtains around the lantern to shade the lens from the sun;',
      'refill the oil reservoir to the brass mark;',
      "record the night's weather in the log book.",
    ]);
    const table = document.blocks.find((block) => block.kind === 'table')!;
    expect(table.units!.map((unit) => document.text.slice(unit.start, unit.end))).toContain('Station: Gull Rock; Interval: 45 seconds; Range: 6 miles');
  });

  it('writes a raised footnote mark as a marker, keeps a code broken at its hyphen whole, and leaves out contents entries', async () => {
    const { text } = await pdf('handbook.pdf');
    expect(text).toContain('Stores are counted twice a year[1]');
    expect(text).toContain('reported on form LK-14 within a week');
    expect(text).not.toMatch(/\.{4,}/);
  });

  it("reads the footnotes at a page's foot as notes, one per mark (left out of the quotable note), on their page and apart from the text above", async () => {
    const document = await pdf('handbook.pdf');
    const notes = document.blocks.filter((block) => block.kind === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.units!.map((unit) => document.text.slice(unit.start, unit.end))).toEqual([
      'Counted by the keeper and the relief keeper together, each signing the stores book.',
      'See the District Stores Order, section 4, issued 1921.',
    ]);
    expect(pageAt(document, notes[0]!.start)).toBe(3);
    const glossary = document.blocks.find((block) => block.kind === 'definition')!;
    expect(document.text.slice(glossary.start, glossary.end)).not.toContain('Counted by the keeper');
  });

  it('reads headings set in a margin beside the text (side heads) as sections, wrapped or cut short in the outline', async () => {
    const document = await pdf('side-heads.pdf');
    expect(document.sections.map((section) => section.title)).toEqual([
      'Storage of Lamp Fuel',
      'Keepers Record Every Delivery of Fuel and Spare Parts in the Stores Book',
      'Appendix I: Stores Lists and Their Keeping',
    ]);
    const [storage, records] = document.sections;
    const sectionText = (section: typeof storage) => document.text.slice(section!.bodyStart, section!.end);
    expect(sectionText(storage)).toContain('Fuel for the lamps is kept in a stone store apart from the tower');
    expect(sectionText(storage)).toContain('Each cask is marked with the date it arrived.');
    expect(sectionText(records)).toContain('A delivery is entered on the day it lands, with the name of the boat');
    // No heading word is read into the text beside it.
    expect(document.text).not.toMatch(/apart Lamp|Record Every A delivery|the Delivery/);
  });

  it("leaves out a part's running head on its pages but keeps its heading, and a footer numbered in roman figures", async () => {
    const { text } = await pdf('side-heads.pdf');
    // The title is read whole, apart from the running head set close above it.
    expect(text.match(/Appendix I: Stores Lists/g)).toEqual(['Appendix I: Stores Lists']);
    expect(text).toContain('\nAppendix I: Stores Lists and Their Keeping\n');
    expect(text).not.toMatch(/Page [ivx\d]+|District Stores Review/);
  });

  it('reads a number in brackets inside a sentence as text, not as a list item, and sets a word apart from a footnote mark', async () => {
    const { text } = await pdf('side-heads.pdf');
    expect(text).toContain('The inspector (1) counts the casks and (2) checks the seals on each of them.');
    expect(text).toContain('The inspector (3) reads the stores book and (4) signs each page of it at the end.');
    expect(text).toContain('Ann Lee, (202) 555-0100, on any working day.');
    expect(text).not.toMatch(/^\d+\. /m);
    expect(text).toContain('Casks are kept for ten years.[3] Oil older than that is burnt first.');
  });

  it("continues a list item over a wrapped line that starts with a number in brackets inside the item's sentence", async () => {
    const document = await pdf('side-heads.pdf');
    const list = document.blocks.find((block) => block.kind === 'list' && document.text.slice(block.start, block.end).includes('Each visit'))!;
    expect(list.units!.map((unit) => document.text.slice(unit.start, unit.end))).toEqual([
      'Each visit checks (1) the casks and their marks, (2) the seals, and (3) the lamp glasses.',
      'The clerk files the report by the end of the month.',
    ]);
  });

  it("reads a paper's two columns one after the other though a listing's line numbers sit in the gutter, its letter-spaced code closed up", async () => {
    const { text } = await pdf('paper.pdf');
    expect(text).toContain('A tally that differs from the one before by more than two books is reported to the head of the branch');
    expect(text.indexOf('The listing beside this text is all of the program')).toBeLessThan(text.indexOf('The program reads one line for each book'));
    expect(text).toContain('1 total = 0 2 for book in shelf 3 total = total + 1 4 print (total)');
    expect(text).not.toMatch(/t o t a l/);
  });

  it('keeps every part of a line that crosses the gutter, the parts in either column on its baseline included', async () => {
    const { text } = await pdf('paper.pdf');
    expect(text).toContain('Ann Reader, Ben Shelver, and Cy Ledger');
    expect(text).toContain('Fig. 2: Tallies of returned books by branch and by month, as printed each night.');
    expect(text).toContain('The west branch keeps a steadier tally all the week. Tallies from both branches are sent');
  });

  it('makes sections of numbered headings whose bookmarks leave the number out, and none of a larger line the outline does not list', async () => {
    const { sections } = await pdf('paper.pdf');
    expect(sections.filter((section) => section.level >= 1).map((section) => section.title)).toEqual(['1. Introduction', '2. Method']);
  });

  it('reads a two-column table without a header as terms and their definitions, a wrapped definition joined and its hyphenated word mended', async () => {
    const document = await pdf('handbook.pdf');
    const glossary = document.blocks.find((block) => block.kind === 'definition')!;
    expect(glossary.units!.map((unit) => document.text.slice(unit.start, unit.end))).toEqual([
      'Lantern: The glazed room at the top of the tower that holds the light.',
      'Gallery: The narrow balcony around the lantern, from which the glass is regularly cleaned and the weather watched.',
      'Watch room: The room below the lantern where the keeper stays on duty.',
    ]);
  });

  it('records where each page lies in the text, so an offset names its page', async () => {
    const document = await pdf('handbook.pdf');
    expect(document.pages!.map((page) => page.number)).toEqual([1, 2, 3]);
    expect(textOfPage(document, 1)).toContain('Brass fittings are polished');
    expect(textOfPage(document, 2)).toContain('Lightning rods are tested every spring');
    expect(textOfPage(document, 3)).toContain('The log book is sent to the district office');
    expect(pageAt(document, document.text.indexOf('Lightning rods'))).toBe(2);
    expect(pageAt(document, document.text.indexOf('The log book'))).toBe(3);
    // The pages cover the text in order, without gaps or overlaps.
    document.pages!.forEach((page, i) => expect(page.start).toBe(i === 0 ? 0 : document.pages![i - 1]!.end));
    expect(document.pages!.at(-1)!.end).toBe(document.text.length);
  });

  it('takes headings from the outline where the file has one, even at body size', async () => {
    const { sections } = await pdf('tide-tables.pdf');
    expect(sections.map((section) => [section.level, section.title])).toEqual([
      [1, 'Reading the tables'],
      [2, 'High water'],
      [1, 'Corrections'],
    ]);
  });

  it('refuses an encrypted, an image-only and a broken PDF, saying why', async () => {
    await expect(pdf('encrypted.pdf')).rejects.toThrow(/encrypted/);
    await expect(pdf('scanned.pdf')).rejects.toThrow(/no text layer/);
    await expect(pdf('broken.pdf')).rejects.toThrow(/not a readable PDF/);
  });
});

describe('a device manual as a word processor exports it', () => {
  it('makes sections of numbered headings whose number stands apart, and of numbered headings set bold a little smaller than the text', async () => {
    const document = await pdf('device-manual.pdf');
    expect(document.sections.map((section) => section.title)).toEqual(['1.1 Unpacking', '1.1.1 Checks', '1.2 Mounting', '1.2.1 Checks', '1.3 Power', '1.3.1 Checks']);
    const levels = new Map(document.sections.map((section) => [section.title, section.level]));
    expect(levels.get('1.1.1 Checks')!).toBeGreaterThan(levels.get('1.1 Unpacking')!);
  });

  it('writes a list with the numbers and letters the page shows, a step numbered from 1 again under another', async () => {
    const document = await pdf('device-manual.pdf');
    expect(document.text).toContain('4. Connect the battery:\n\n1. Fit the red lead to the positive terminal.\n2. Fit the black lead to the negative terminal.');
    expect(document.text).toContain('After each deployment:\n\n(a) rinse the sensor in fresh water;\n(b) dry the connector before capping it.');
  });

  it('reads a note set in large bold type as a paragraph, not a heading', async () => {
    const document = await pdf('device-manual.pdf');
    expect(document.text).toContain('NOTE: Never mount the gauge on a floating pontoon, or its readings will follow the pontoon.');
    expect(document.sections.some((section) => /NOTE|pontoon/.test(section.title))).toBe(false);
  });
});

describe('Word documents', () => {
  it('makes sections of the built-in heading styles, keeps lists with their lead-in and tables with their headers', async () => {
    const document = await parseDocx({ id: 'harbour-guide', file: 'harbour-guide.docx', data: await read('harbour-guide.docx') });
    expect(document.title).toBe('Harbour Operations Guide');
    expect(document.sections.filter((section) => section.level >= 1).map((section) => [section.level, section.title])).toContainEqual([2, 'Mooring lines']);
    const list = document.blocks.find((block) => block.kind === 'list')!;
    expect(document.text.slice(list.units![0]!.start, list.units![0]!.end)).toBe('The crew prepares the following lines before berthing:');
    expect(document.text).toContain('Vessel: Fishing boat; Rate per tonne: 0.15 EUR');
    expect(document.pages).toBeUndefined();
  });

  it('keeps the text of tables marked as headers throughout, reads merged cells in every row they span, and leaves out the table of contents and note back-links', async () => {
    const document = await parseDocx({ id: 'harbour-guide', file: 'harbour-guide.docx', data: await read('harbour-guide.docx') });
    // A one-row table whose row repeats as a header (a note box) is the box's text, a template placeholder included.
    expect(document.text).toContain('Replace {{Harbour Master}} with the name of the duty harbour master.');
    // The "Class" cell spans both header rows, "Rate per tonne" heads both sub-columns, "Bulk carrier" both body rows.
    expect(document.text).toContain('Class: Bulk carrier; Rate per tonne Winter: 0.55 EUR; Rate per tonne Summer: 0.45 EUR');
    expect(document.text).toContain('Class: Bulk carrier; Rate per tonne Winter: 0.60 EUR; Rate per tonne Summer: 0.50 EUR');
    expect(document.text).not.toMatch(/Berthing\s+1|Harbour dues\s+2/);
    expect(document.sections.map((section) => section.title)).toContain('Tonnage');
    expect(document.text).toContain('Gross tonnage as measured under the 1969 Tonnage Convention.');
    expect(document.text).not.toContain('↑');
  });

  it('refuses a file that is not a Word document, saying why', async () => {
    await expect(parseDocx({ id: 'broken', file: 'broken.docx', data: await read('broken.docx') })).rejects.toThrow(/not a readable Word document/);
  });
});

describe('a folder with PDF and Word files', () => {
  it('indexes the readable ones and names each unreadable file with its reason', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cite-paged-corpus-'));
    try {
      for (const file of ['handbook.pdf', 'tide-tables.pdf', 'harbour-guide.docx', 'encrypted.pdf', 'scanned.pdf', 'broken.pdf', 'broken.docx']) {
        await copyFile(path.join(FIXTURES, file), path.join(dir, file));
      }
      const { documents, skipped } = await loadCorpus(dir);
      expect(documents.map((document) => document.file).sort()).toEqual(['handbook.pdf', 'harbour-guide.docx', 'tide-tables.pdf']);
      expect(Object.fromEntries(skipped.map((entry) => [entry.file, entry.reason]))).toEqual({
        'broken.docx': expect.stringMatching(/not a readable Word document/),
        'broken.pdf': expect.stringMatching(/not a readable PDF/),
        'encrypted.pdf': expect.stringMatching(/encrypted/),
        'scanned.pdf': expect.stringMatching(/no text layer/),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
