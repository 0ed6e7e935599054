import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sectionPath, type Document } from '../../src/domain/document.js';
import { corpusHash, documentId, loadCorpus, readCorpusFiles } from '../../src/corpus/load-corpus.js';
import { parseMarkdown } from '../../src/corpus/parse-markdown.js';
import { looksLikeWikipediaText, parseWikipediaText } from '../../src/corpus/parse-wikipedia-text.js';
import { expectAppError } from '../helpers/expect-app-error.js';
import { readRealArticle, REAL_ARTICLE_FILE, SMALL_CORPUS_DIR } from '../helpers/corpus-files.js';
import { ARTICLE_CORPUS } from '../helpers/article-index.js';

const blockText = (document: Document) => document.blocks.map((block) => document.text.slice(block.start, block.end));
const sectionByTitle = (document: Document, title: string) => {
  const index = document.sections.findIndex((section) => section.title === title);
  expect(index, `section "${title}"`).toBeGreaterThanOrEqual(0);
  return { index, section: document.sections[index]! };
};

describe('parseWikipediaText on the real IOM article', () => {
  const text = readRealArticle();
  const document = parseWikipediaText({ id: 'international-organization-for-migration', file: REAL_ARTICLE_FILE, text });

  it('is recognised as a Wikipedia dump', () => {
    expect(looksLikeWikipediaText(text)).toBe(true);
  });

  it('takes the title from the first line and keeps the text unchanged', () => {
    expect(document.title).toBe('International Organization for Migration');
    expect(document.text).toBe(text);
  });

  it.each([
    'Staff\n8,400',
    'Director General\nWilliam Lacy Swing',
    'Budget\nUS$1.675 billon (2013)[1]',
    'Official language\nEnglish, French and Spanish',
    'Membership\n156 member states and 10 observer states (over 80 global and regional IGOs and NGOs are also observers)',
    'Formation 1951',
    'Headquarters Geneva, Switzerland',
  ])('has an infobox block whose text is exactly %j', (expected) => {
    const matches = document.blocks.filter((block) => document.text.slice(block.start, block.end) === expected);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.kind).toBe('infobox');
    expect(document.sections[matches[0]!.section]!.title).toBe('Infobox');
  });

  it('skips the infobox image file name', () => {
    expect(blockText(document).some((block) => block.includes('IOM-OIM.svg'))).toBe(false);
  });

  it('has the top-level sections in order', () => {
    expect(document.sections.filter((section) => section.level === 1).map((section) => section.title)).toEqual([
      'History',
      'Activities',
      'Advocacy',
      'Campaigns',
      'Member States',
      'References',
      'External links',
    ]);
  });

  it.each([
    ['Activities', 'Humanitarian Emergencies'],
    ['Activities', 'Labour Migration'],
    ['Activities', 'Counter-Trafficking'],
    ['Activities', 'Refugee Resettlement'],
    ['Activities', 'Migration Policy and Research'],
    ['Campaigns', 'Migrants Contribute'],
    ['Campaigns', 'Migration Means'],
  ])('"%s" has the sub-section "%s" (level 2, nested inside it)', (parentTitle, childTitle) => {
    const parent = sectionByTitle(document, parentTitle).section;
    const { index, section: child } = sectionByTitle(document, childTitle);
    expect(child.level).toBe(2);
    expect(child.start).toBeGreaterThanOrEqual(parent.bodyStart);
    expect(child.end).toBeLessThanOrEqual(parent.end);
    expect(sectionPath(document, index)).toBe(`${parentTitle} › ${childTitle}`);
  });

  it('every section starts at its heading and has a consistent span', () => {
    for (const section of document.sections) {
      expect(section.start).toBeLessThanOrEqual(section.bodyStart);
      expect(section.bodyStart).toBeLessThanOrEqual(section.end);
      if (section.level >= 1)
        expect(text.slice(section.start, section.bodyStart)).toMatch(new RegExp(`^${section.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });

  it('a section ends before the next heading of the same or higher level', () => {
    const history = sectionByTitle(document, 'History').section;
    const activities = sectionByTitle(document, 'Activities').section;
    expect(history.end).toBeLessThanOrEqual(activities.start);
    expect(text.slice(history.start, history.end)).toContain('in the 21st century.[3]');
    expect(text.slice(history.start, history.end)).not.toContain('Activities[edit]');
  });

  it('parses all 19 references with their numbers and without the "^" marker', () => {
    expect(document.references.map((reference) => reference.n)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(document.references[0]!.text).toBe('"IOM Snapshot". International Organization for Migration. July 2014.');
    expect(document.references[11]!.text).toContain('"Counter Trafficking"');
    for (const reference of document.references) expect(reference.text).not.toMatch(/^\^|^\d+\./);
  });

  it('no block lies in the preamble, the References list or External links', () => {
    const preambleEnd = text.indexOf('Jump to: navigation, search') + 'Jump to: navigation, search'.length;
    const references = sectionByTitle(document, 'References').section;
    for (const block of document.blocks) {
      expect(block.start).toBeGreaterThanOrEqual(preambleEnd);
      expect(block.end).toBeLessThanOrEqual(references.start);
    }
    const texts = blockText(document);
    expect(texts.some((block) => block.includes('From Wikipedia'))).toBe(false);
    expect(texts.some((block) => block.includes('IOM Snapshot'))).toBe(false);
    expect(texts.some((block) => block.includes('[edit]'))).toBe(false);
  });

  it('blocks are trimmed, ordered, non-overlapping, and inside the section they name', () => {
    let previousEnd = 0;
    for (const block of document.blocks) {
      const slice = text.slice(block.start, block.end);
      expect(slice.length).toBeGreaterThan(0);
      expect(slice).toBe(slice.trim());
      expect(block.start).toBeGreaterThanOrEqual(previousEnd);
      previousEnd = block.end;
      const section = document.sections[block.section]!;
      expect(block.start).toBeGreaterThanOrEqual(section.bodyStart);
      expect(block.end).toBeLessThanOrEqual(section.end);
    }
  });

  it.each([
    ['The International Organization for Migration is an intergovernmental organization.', 'Introduction'],
    ['IOM, or as it was first known', 'History'],
    ['As many as 800,000 people may be trafficked', 'Counter-Trafficking'],
    ['Mr. Swing warned that the doors', 'Advocacy'],
    ['On June 20 2013, IOM has launched', 'Migration Means'],
    ['As of June 2014, the International Organization for Migration has 156 member states', 'Member States'],
  ])('the paragraph starting %j sits in its innermost section "%s"', (opening, title) => {
    const block = document.blocks.find((candidate) => text.slice(candidate.start, candidate.end).startsWith(opening));
    expect(block).toBeDefined();
    expect(block!.kind).toBe('paragraph');
    expect(document.sections[block!.section]!.title).toBe(title);
  });

  it('does not lose any paragraph of prose between the lead and the References', () => {
    const start = text.indexOf('The International Organization for Migration is an intergovernmental');
    const end = sectionByTitle(document, 'References').section.start;
    const headings = new Set(document.sections.map((section) => text.slice(section.start, section.bodyStart).trim()));
    const paragraphs = text
      .slice(start, end)
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph && !headings.has(paragraph));
    expect(paragraphs.length).toBeGreaterThan(30);
    const texts = new Set(blockText(document));
    for (const paragraph of paragraphs) expect(texts.has(paragraph), paragraph.slice(0, 60)).toBe(true);
  });
});

describe('parseMarkdown', () => {
  const text = [
    '---',
    'title: "Field Notes"',
    "url: 'https://example.org/notes'",
    '---',
    '',
    '# Overview',
    '',
    'First paragraph, line one',
    'and line two.',
    '',
    '## Details',
    '',
    '- item one',
    '- item two',
    '',
    '```',
    '# not a heading',
    '',
    'still code',
    '```',
    '',
    '# Second Part ##',
    '',
    'Closing words.',
    '',
  ].join('\n');
  const document = parseMarkdown({ id: 'notes', file: 'notes.md', text });

  it('reads title and url from front matter, without quotes', () => {
    expect(document.title).toBe('Field Notes');
    expect(document.url).toBe('https://example.org/notes');
  });

  it('makes # headings sections with their level, and nests ## under #', () => {
    expect(document.sections.map((section) => [section.title, section.level])).toEqual([
      ['Overview', 1],
      ['Details', 2],
      ['Second Part', 1],
    ]);
    expect(sectionPath(document, 1)).toBe('Overview › Details');
    const overview = document.sections[0]!;
    const second = document.sections[2]!;
    expect(overview.end).toBeLessThanOrEqual(second.start);
  });

  it('makes paragraphs, lists and code fences blocks of the clean text; front matter and headings are not blocks', () => {
    expect(blockText(document)).toEqual([
      'First paragraph, line one and line two.',
      '• item one\n• item two',
      '# not a heading\n\nstill code',
      'Closing words.',
    ]);
    expect(document.blocks.map((block) => block.kind)).toEqual(['paragraph', 'list', 'code', 'paragraph']);
    expect(document.text).not.toContain('title:');
    expect(document.blocks.map((block) => document.sections[block.section]!.title)).toEqual(['Overview', 'Details', 'Details', 'Second Part']);
  });

  it('falls back to the first heading, then the id, for the title; an explicit title wins', () => {
    expect(parseMarkdown({ id: 'x', file: 'x.md', text: '# Heading Title\n\nBody.' }).title).toBe('Heading Title');
    expect(parseMarkdown({ id: 'x', file: 'x.md', text: 'Just a body.' }).title).toBe('x');
    expect(parseMarkdown({ id: 'x', file: 'x.md', text, title: 'Given' }).title).toBe('Given');
  });

  it('puts text before any heading in an Introduction section', () => {
    const plain = parseMarkdown({ id: 'x', file: 'x.md', text: 'Intro text.\n\n# Later\n\nMore.' });
    expect(plain.sections.map((section) => section.title)).toEqual(['Introduction', 'Later']);
    expect(plain.sections[plain.blocks[0]!.section]!.title).toBe('Introduction');
  });
});

describe('documentId', () => {
  it.each([
    ['docs/Intro Guide.md', 'docs-intro-guide'],
    ['international-organization-for-migration.txt', 'international-organization-for-migration'],
    ['Café Notes.txt', 'cafe-notes'],
    ['---.md', 'document'],
  ])('%s → %s', (file, expected) => {
    expect(documentId(file)).toBe(expected);
  });
});

describe('loadCorpus', () => {
  const temporaryDirs: string[] = [];
  const makeDir = async (files: Record<string, string>) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-test-'));
    temporaryDirs.push(dir);
    for (const [name, contents] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), contents);
    }
    return dir;
  };
  afterEach(async () => {
    await Promise.all(temporaryDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('leaves out a file it cannot parse, names it with the reason, and indexes the rest', async () => {
    const dir = await makeDir({ 'good.md': '# Kilns\n\nA kiln fires clay.\n', 'deep.md': `${'> '.repeat(20000)}x\n` });
    const { documents, skipped, hash, files } = await loadCorpus(dir);
    expect(documents.map((document) => document.file)).toEqual(['good.md']);
    expect(files.map((file) => file.file)).toEqual(['good.md']);
    expect(skipped.map((entry) => entry.file)).toEqual(['deep.md']);
    expect(skipped[0]!.reason).not.toBe('');
    // The hash covers the skipped file: changing it makes the next ingest try it again.
    expect(hash).toBe(corpusHash((await readCorpusFiles(dir)).files));
  });

  it('reads a plain-text file of 200,000 lines (no argument-count limits)', async () => {
    const dir = await makeDir({ 'long.txt': Array.from({ length: 200_000 }, (_, i) => `entry ${i} of a long list`).join('\n') });
    const { documents, skipped } = await loadCorpus(dir);
    expect(skipped).toEqual([]);
    expect(documents[0]!.text.length).toBeGreaterThan(1_000_000);
  });

  it('loads the real corpus with the sidecar title and url', async () => {
    const { documents, hash } = await loadCorpus(ARTICLE_CORPUS);
    expect(documents).toHaveLength(1);
    const [document] = documents;
    expect(document!.id).toBe('international-organization-for-migration');
    expect(document!.title).toBe('International Organization for Migration');
    expect(document!.url).toBe('https://en.wikipedia.org/wiki/International_Organization_for_Migration');
    expect(document!.references).toHaveLength(19);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  describe('the small fixture corpus', () => {
    let loaded: Awaited<ReturnType<typeof loadCorpus>>;
    beforeAll(async () => {
      loaded = await loadCorpus(SMALL_CORPUS_DIR);
    });

    it('loads both documents in path order, skipping the sidecar', () => {
      expect(loaded.files.map((file) => file.file)).toEqual(['composting-guide.md', 'northwind-seed-library.txt']);
      expect(loaded.documents.map((document) => document.id)).toEqual(['composting-guide', 'northwind-seed-library']);
    });

    it('reads the Wikipedia-style text with its sidecar', () => {
      const wiki = loaded.documents[1]!;
      expect(wiki.title).toBe('Northwind Seed Library');
      expect(wiki.url).toBe('https://example.org/wiki/Northwind_Seed_Library');
      expect(wiki.references.map((reference) => reference.n)).toEqual([1, 2, 3]);
      expect(blockText(wiki)).toContain('Staff\n42');
      expect(wiki.sections.filter((section) => section.level === 2).map((section) => section.title)).toEqual(['Seed Exchange', 'Workshops']);
      expect(blockText(wiki).some((block) => block.includes('Official website'))).toBe(false);
    });

    it('reads the markdown with its front matter', () => {
      const markdown = loaded.documents[0]!;
      expect(markdown.title).toBe('Home Composting Guide');
      expect(markdown.url).toBe('https://example.org/guides/composting');
      expect(markdown.sections.map((section) => section.title)).toEqual(['Home Composting Guide', 'What to add', 'Troubleshooting']);
      expect(markdown.text).not.toContain('url:');
      expect(markdown.metadata).toMatchObject({ title: 'Home Composting Guide', url: 'https://example.org/guides/composting' });
    });

    it('has a stable hash that matches corpusHash(files)', async () => {
      const again = await loadCorpus(SMALL_CORPUS_DIR);
      expect(again.hash).toBe(loaded.hash);
      expect(corpusHash(loaded.files)).toBe(loaded.hash);
    });
  });

  it('changes the corpus hash when a document or its sidecar changes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-test-'));
    temporaryDirs.push(dir);
    await cp(SMALL_CORPUS_DIR, dir, { recursive: true });
    const before = (await loadCorpus(dir)).hash;
    await writeFile(path.join(dir, 'northwind-seed-library.meta.json'), JSON.stringify({ title: 'Renamed Library' }));
    const afterSidecar = await loadCorpus(dir);
    expect(afterSidecar.hash).not.toBe(before);
    expect(afterSidecar.documents[1]!.title).toBe('Renamed Library');
    await writeFile(path.join(dir, 'composting-guide.md'), '# Changed\n\nNew text.\n');
    expect((await loadCorpus(dir)).hash).not.toBe(afterSidecar.hash);
  });

  it('normalises CRLF line endings and a BOM, so offsets are the same on every platform', async () => {
    const dir = await makeDir({ 'windows.md': '\uFEFF# Title\r\n\r\nOne line.\r\nTwo line.\r\n' });
    const { documents } = await loadCorpus(dir);
    const document = documents[0]!;
    expect(document.text).toBe('Title\n\nOne line. Two line.');
    expect(blockText(document)).toEqual(['One line. Two line.']);
  });

  it('reads nested folders and names documents by path; skips a top-level README.md and dot-files', async () => {
    const dir = await makeDir({
      'README.md': '# About this corpus\n\nNot a document.',
      '.hidden.md': '# Hidden\n\nNo.',
      'guides/Getting Started.md': '# Getting Started\n\nHello.',
      'notes.txt': 'Plain Notes\n\nA plain text file without wiki markup.',
      'image.png': 'not text',
    });
    const { documents } = await loadCorpus(dir);
    expect(documents.map((document) => [document.id, document.file, document.title])).toEqual([
      ['guides-getting-started', 'guides/Getting Started.md', 'Getting Started'],
      ['notes', 'notes.txt', 'Plain Notes'],
    ]);
  });

  it('reads a .txt that is not a Wikipedia dump with the plain-text parser: title line out of the text, wrapped lines joined', async () => {
    const dir = await makeDir({ 'notes.txt': 'Plain Notes\n\n1.  Scope\n\n   A plain text file\n   without wiki markup.\n' });
    const [document] = (await loadCorpus(dir)).documents;
    expect(document!.title).toBe('Plain Notes');
    expect(document!.text).toBe('1. Scope\n\nA plain text file without wiki markup.');
    expect(document!.sections.map((section) => [section.title, section.level])).toEqual([['1. Scope', 1]]);
  });

  it('reads the first of two files that map to the same document id and names the other, instead of failing the ingest', async () => {
    const dir = await makeDir({ 'notes.md': '# A\n\nOne.', 'notes.txt': 'B\n\nTwo.' });
    const { documents, skipped } = await loadCorpus(dir);
    expect(documents.map((document) => document.file)).toEqual(['notes.md']);
    expect(skipped).toEqual([{ file: 'notes.txt', reason: expect.stringContaining('as notes.md') as unknown }]);
  });

  it('rejects an empty folder with corpus_invalid and says how to fix it', async () => {
    const dir = await makeDir({});
    const error = await expectAppError(loadCorpus(dir), 'corpus_invalid');
    expect(error.message).toContain('npm run ingest');
  });

  it('rejects a folder with only unsupported files or a README', async () => {
    const dir = await makeDir({ 'README.md': '# Readme', 'data.csv': 'a,b' });
    await expectAppError(loadCorpus(dir), 'corpus_invalid');
  });

  it('rejects a missing folder with corpus_invalid', async () => {
    await expectAppError(readCorpusFiles(path.join(os.tmpdir(), 'no-such-corpus-folder-4f2a9c')), 'corpus_invalid');
  });

  it('rejects an invalid sidecar with corpus_invalid naming the file', async () => {
    const dir = await makeDir({ 'doc.md': '# Doc\n\nText.', 'doc.meta.json': '{ not json' });
    const error = await expectAppError(loadCorpus(dir), 'corpus_invalid');
    expect(error.message).toContain('doc.meta.json');
  });
});
