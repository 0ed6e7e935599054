import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { decodeEntities, parseHtml } from '../../src/corpus/parse-html.js';
import { chunkDocument } from '../../src/ingest/chunk-document.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <title>Harbour &amp; Port Guide</title>
  <link rel="canonical" href="https://example.org/harbour">
  <style>body { color: red; }</style>
  <script>var tracking = "SCRIPT-TEXT";</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/menu">MENU-LINK</a></nav>
  <div role="navigation">Breadcrumb NAV-ROLE</div>
  <main>
    <h1>Harbour Guide</h1>
    <p>The harbour opened in <b>1887</b> and handles  ferries
       and cargo.</p>
    <h2>Opening hours</h2>
    <p>The ticket office opens at 6&nbsp;a.m. every day.<br>Night ferries leave at 11 p.m.</p>
    <ul><li>Gate A serves ferries.</li><li>Gate B serves cargo &mdash; not passengers.</li></ul>
    <h2>Fees</h2>
    <table><tr><th>Vehicle</th><th>Fee</th></tr><tr><td>Car</td><td>&euro;12</td></tr></table>
    <script>document.write("INLINE-SCRIPT")</script>
  </main>
  <footer>Copyright FOOTER-TEXT</footer>
</body>
</html>`;

describe('parseHtml', () => {
  const document = parseHtml({ id: 'harbour', file: 'harbour.html', html: PAGE });

  it('keeps readable text and drops scripts, styles, navigation and footers', () => {
    expect(document.text).toContain('The harbour opened in 1887 and handles ferries and cargo.');
    expect(document.text).toContain('Gate B serves cargo — not passengers.');
    expect(document.text).toContain('Car €12');
    for (const dropped of ['SCRIPT-TEXT', 'INLINE-SCRIPT', 'MENU-LINK', 'NAV-ROLE', 'FOOTER-TEXT', 'color: red', '<p>', '&amp;']) {
      expect(document.text).not.toContain(dropped);
    }
  });

  it('turns headings into sections whose offsets point into the extracted text', () => {
    expect(document.sections.map((section) => [section.title, section.level])).toEqual([
      ['Harbour Guide', 1],
      ['Opening hours', 2],
      ['Fees', 2],
    ]);
    for (const section of document.sections) expect(document.text.slice(section.start, section.bodyStart)).toBe(section.title);
    const hours = document.sections[1]!;
    expect(document.text.slice(hours.bodyStart, hours.end)).toContain('Night ferries leave at 11 p.m.');
    expect(document.text.slice(hours.bodyStart, hours.end)).not.toContain('Car €12');
  });

  it('makes paragraphs and list items blocks, and chunks quote the stored text verbatim', () => {
    const blockTexts = document.blocks.map((block) => document.text.slice(block.start, block.end));
    expect(blockTexts).toContain('Gate A serves ferries.');
    expect(blockTexts).toContain('The ticket office opens at 6 a.m. every day.\nNight ferries leave at 11 p.m.');
    const chunks = chunkDocument(document, { chunkSize: 500, overlapSentences: 0 });
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(document.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    expect(chunks.find((chunk) => chunk.text.includes('1887'))?.section).toBe('Harbour Guide');
  });

  it('takes the title from <title> and the url from the canonical link, unless the sidecar says otherwise', () => {
    expect(document.title).toBe('Harbour & Port Guide');
    expect(document.url).toBe('https://example.org/harbour');
    const overridden = parseHtml({ id: 'harbour', file: 'harbour.html', html: PAGE, title: 'Sidecar title', url: 'https://example.org/other' });
    expect([overridden.title, overridden.url]).toEqual(['Sidecar title', 'https://example.org/other']);
    const bare = parseHtml({ id: 'bare', file: 'bare.html', html: '<h1>Only a heading</h1><p>Body text.</p>' });
    expect(bare.title).toBe('Only a heading');
  });

  it.each([
    ['&lt;b&gt; &amp; &quot;x&quot;', '<b> & "x"'],
    ['&#233;t&#xE9;', 'été'],
    ['&unknown; stays', '&unknown; stays'],
  ])('decodes %s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('a folder of .txt, .md and .html documents', () => {
  let corpusDir: string;
  beforeAll(async () => {
    corpusDir = await mkdtemp(path.join(os.tmpdir(), 'cite-mixed-'));
    await writeFile(path.join(corpusDir, 'notes.txt'), 'Travel notes\n\nThe museum closes on Mondays.\n');
    await writeFile(path.join(corpusDir, 'notes.meta.json'), JSON.stringify({ title: 'Museum notes', url: 'https://example.org/notes' }));
    await writeFile(path.join(corpusDir, 'guide.md'), '---\ntitle: City guide\nurl: https://example.org/guide\n---\n# Parks\n\nThe park has 40 benches.\n');
    await writeFile(path.join(corpusDir, 'harbour.html'), PAGE);
    await writeFile(path.join(corpusDir, 'harbour.meta.json'), JSON.stringify({ url: 'https://example.org/harbour-sidecar' }));
  });
  afterAll(async () => {
    await rm(corpusDir, { recursive: true, force: true });
  });

  it('loads each document with its own title and url', async () => {
    const { documents } = await loadCorpus(corpusDir);
    const summary = Object.fromEntries(documents.map((document) => [document.file, { title: document.title, url: document.url }]));
    expect(summary).toEqual({
      'guide.md': { title: 'City guide', url: 'https://example.org/guide' },
      'harbour.html': { title: 'Harbour & Port Guide', url: 'https://example.org/harbour-sidecar' },
      'notes.txt': { title: 'Museum notes', url: 'https://example.org/notes' },
    });
  });
});
