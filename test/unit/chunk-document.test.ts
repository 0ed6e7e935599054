import { describe, expect, it } from 'vitest';
import { CleanTextBuilder } from '../../src/corpus/clean-text-builder.js';
import type { Document } from '../../src/domain/document.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { parseMarkdown } from '../../src/corpus/parse-markdown.js';
import { parseWikipediaText } from '../../src/corpus/parse-wikipedia-text.js';
import type { Chunk } from '../../src/domain/chunk.js';
import { blockUnits, chunkDocument } from '../../src/ingest/chunk-document.js';
import type { Span } from '../../src/text/sentences.js';
import { readRealArticle, REAL_ARTICLE_FILE, SMALL_CORPUS_DIR } from '../helpers/corpus-files.js';

const article = parseWikipediaText({ id: 'international-organization-for-migration', file: REAL_ARTICLE_FILE, text: readRealArticle() });

/** The units the chunker must keep whole: sentences of paragraphs, whole infobox fields, list items, table rows, code. */
function unitsOf(document: Document): Span[] {
  return document.blocks.flatMap((block) => blockUnits(document, block));
}

const key = (span: Span) => `${span.start}:${span.end}`;

describe.each([200, 500, 900])('chunkDocument on the real article, chunkSize %i', (chunkSize) => {
  const chunks = chunkDocument(article, { chunkSize, overlapSentences: 0 });

  it('produces chunks with unique ids naming the document', () => {
    expect(chunks.length).toBeGreaterThan(5);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(chunks.length);
    for (const chunk of chunks) expect(chunk.sourceId).toBe(article.id);
  });

  it('every chunk text is exactly document.text.slice(start, end)', () => {
    for (const chunk of chunks) expect(chunk.text).toBe(article.text.slice(chunk.start, chunk.end));
  });

  it('chunks never cross a section boundary', () => {
    for (const chunk of chunks) {
      for (const section of article.sections) {
        const headingInside = section.start > chunk.start && section.start < chunk.end;
        expect(headingInside, `"${section.title}" heading inside chunk ${chunk.id}`).toBe(false);
      }
      const home = article.sections.find((section) => section.title === chunk.section && section.bodyStart <= chunk.start && chunk.end <= section.end);
      expect(home, `section "${chunk.section}" containing ${chunk.id}`).toBeDefined();
    }
  });

  it('every sentence span lies inside its chunk, in order, starting and ending it', () => {
    for (const chunk of chunks) {
      expect(chunk.sentences.length).toBeGreaterThan(0);
      expect(chunk.sentences[0]!.start).toBe(chunk.start);
      expect(chunk.sentences[chunk.sentences.length - 1]!.end).toBe(chunk.end);
      let previousEnd = chunk.start;
      for (const sentence of chunk.sentences) {
        expect(sentence.start).toBeGreaterThanOrEqual(previousEnd);
        expect(sentence.end).toBeLessThanOrEqual(chunk.end);
        previousEnd = sentence.end;
      }
    }
  });

  it('every block sentence appears in exactly one chunk; nothing else does (no drop, no duplicate)', () => {
    const counts = new Map<string, number>();
    for (const chunk of chunks) for (const sentence of chunk.sentences) counts.set(key(sentence), (counts.get(key(sentence)) ?? 0) + 1);
    const units = unitsOf(article);
    for (const unit of units) expect(counts.get(key(unit)), article.text.slice(unit.start, unit.end).slice(0, 60)).toBe(1);
    expect([...counts.keys()].sort()).toEqual(units.map(key).sort());
  });

  it('every visible character of every block is covered by exactly one chunk', () => {
    const coverage = new Uint8Array(article.text.length);
    for (const chunk of chunks) for (let i = chunk.start; i < chunk.end; i += 1) coverage[i]! += 1;
    const wrong: number[] = [];
    for (const block of article.blocks) {
      for (let i = block.start; i < block.end; i += 1) {
        if (!/\s/.test(article.text[i]!) && coverage[i] !== 1) wrong.push(i);
      }
    }
    expect(wrong).toEqual([]);
  });

  it(`is at most ${chunkSize} characters unless the chunk is a single sentence`, () => {
    for (const chunk of chunks) {
      if (chunk.sentences.length > 1) expect(chunk.end - chunk.start, chunk.id).toBeLessThanOrEqual(chunkSize);
    }
  });
});

describe('chunkDocument behaviour', () => {
  it('a larger chunk size gives fewer, longer chunks', () => {
    const small = chunkDocument(article, { chunkSize: 200, overlapSentences: 0 });
    const large = chunkDocument(article, { chunkSize: 900, overlapSentences: 0 });
    expect(large.length).toBeLessThan(small.length);
  });

  it('labels a chunk with its innermost heading and its section path', () => {
    const chunks = chunkDocument(article, { chunkSize: 500, overlapSentences: 0 });
    const trafficking = chunks.find((chunk) => chunk.text.includes('As many as 800,000 people'));
    expect(trafficking?.section).toBe('Counter-Trafficking');
    expect(trafficking?.sectionPath).toBe('Activities › Counter-Trafficking');
    const staff = chunks.find((chunk) => chunk.text.includes('Staff\n8,400'));
    expect(staff?.section).toBe('Infobox');
  });

  it('keeps a sentence longer than chunkSize whole, in a chunk of its own', () => {
    const long = `Long ${'word '.repeat(60).trim()}.`;
    const document = parseMarkdown({ id: 'd', file: 'd.md', text: `# T\n\nShort one. ${long} Short two.\n` });
    const chunks = chunkDocument(document, { chunkSize: 100, overlapSentences: 0 });
    expect(chunks.map((chunk) => chunk.text)).toEqual(['Short one.', long, 'Short two.']);
  });

  it('with overlap, repeats the last sentence(s) of the previous chunk of the same section, and still drops nothing', () => {
    const chunks = chunkDocument(article, { chunkSize: 500, overlapSentences: 1 });
    let overlapping = 0;
    for (let i = 1; i < chunks.length; i += 1) {
      const previous = chunks[i - 1]!;
      const current = chunks[i]!;
      expect(current.text).toBe(article.text.slice(current.start, current.end));
      if (previous.section === current.section && current.start < previous.end) {
        expect(key(current.sentences[0]!)).toBe(key(previous.sentences[previous.sentences.length - 1]!));
        overlapping += 1;
      }
    }
    expect(overlapping).toBeGreaterThan(0);
    const seen = new Set(chunks.flatMap((chunk) => chunk.sentences.map(key)));
    for (const unit of unitsOf(article)) expect(seen.has(key(unit))).toBe(true);
  });

  it('never overlaps across sections', () => {
    const chunks = chunkDocument(article, { chunkSize: 300, overlapSentences: 2 });
    for (let i = 1; i < chunks.length; i += 1) {
      if (chunks[i - 1]!.section !== chunks[i]!.section) expect(chunks[i]!.start).toBeGreaterThanOrEqual(chunks[i - 1]!.end);
    }
  });

  it('keeps the invariants on the fixture corpus too', async () => {
    const { documents } = await loadCorpus(SMALL_CORPUS_DIR);
    for (const document of documents) {
      const chunks: Chunk[] = chunkDocument(document, { chunkSize: 200, overlapSentences: 0 });
      expect(chunks.length).toBeGreaterThan(0);
      for (const chunk of chunks) expect(chunk.text).toBe(document.text.slice(chunk.start, chunk.end));
      expect(chunks.flatMap((chunk) => chunk.sentences.map(key)).sort()).toEqual(unitsOf(document).map(key).sort());
    }
  });
});

describe('chunkDocument on structured blocks', () => {
  function structured(): Document {
    const builder = new CleanTextBuilder();
    builder.heading('Setup', 1);
    builder.paragraph('The tool installs on any machine. It needs no network.');
    builder.paragraph('An administrator can perform the following tasks:');
    builder.list(['create users', 'delete users', 'reset a password']);
    builder.code('$ tool --init\nInitialised.');
    builder.table(
      ['Code', 'Meaning'],
      [
        ['200', 'OK'],
        ['404', 'Not Found'],
      ],
    );
    const { text, sections, blocks } = builder.finish('Tool');
    return { id: 'tool', title: 'Tool', file: 'tool.md', text, sections, blocks, references: [] };
  }

  it('keeps a list with its lead-in in one chunk, quoting the lead-in and each item as units', () => {
    const document = structured();
    const chunks = chunkDocument(document, { chunkSize: 60, overlapSentences: 0 });
    const holding = chunks.find((chunk) => chunk.text.includes('following tasks:'));
    expect(holding?.text).toContain('reset a password');
    const units = holding!.sentences.map((unit) => document.text.slice(unit.start, unit.end));
    expect(units).toEqual(expect.arrayContaining(['An administrator can perform the following tasks:', 'create users', 'reset a password']));
  });

  it('never ends a chunk with the lead-in of a list too long to keep whole: the lead-in starts the chunk of its first items', () => {
    const builder = new CleanTextBuilder();
    builder.heading('Panel', 1);
    builder.paragraph('The review met twice. Its members came from many places.');
    builder.paragraph('The following experts served on the panel:');
    builder.list(Array.from({ length: 12 }, (_, i) => `Expert number ${i + 1}, a director of a research institute`));
    const { text, sections, blocks } = builder.finish('Review');
    const document: Document = { id: 'review', title: 'Review', file: 'review.md', text, sections, blocks, references: [] };
    for (const chunkSize of [80, 100, 120, 150]) {
      const chunks = chunkDocument(document, { chunkSize, overlapSentences: 0 });
      const holding = chunks.find((chunk) => chunk.text.includes('served on the panel:'))!;
      expect(holding.text, `chunk size ${chunkSize}`).toContain('Expert number 1,');
    }
  });

  it('quotes a code block whole and marks it as code; table rows are units read with their headers', () => {
    const document = structured();
    const units = chunkDocument(document, { chunkSize: 500, overlapSentences: 1 }).flatMap((chunk) => chunk.sentences);
    const code = units.filter((unit) => unit.code);
    expect(code.map((unit) => document.text.slice(unit.start, unit.end))).toEqual(['$ tool --init\nInitialised.']);
    const texts = units.map((unit) => document.text.slice(unit.start, unit.end));
    expect(texts).toContain('Code: 404; Meaning: Not Found');
  });
});
