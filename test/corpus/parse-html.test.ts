import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/document.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { parseHtml } from '../../src/corpus/parse-html.js';
import { chunkDocument } from '../../src/ingest/chunk-document.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <title>Harbour &amp; Port Guide</title>
  <link rel="canonical" href="https://example.org/harbour">
  <meta name="description" content="Ferries &amp; cargo">
  <style>body { color: red; }</style>
  <script>var tracking = "SCRIPT-TEXT";</script>
</head>
<body>
  <header><a href="/">SITE-BANNER</a></header>
  <nav><a href="/">Home</a> <a href="/menu">MENU-LINK</a></nav>
  <div role="navigation">Breadcrumb NAV-ROLE</div>
  <main>
    <h1>Harbour Guide</h1>
    <ul class="toc"><li><a href="#hours">Opening hours</a></li><li><a href="#fees">Fees</a></li><li><a href="#rules">Rules</a></li></ul>
    <p>The harbour opened in <b>1887</b> and handles  ferries
       and cargo.</p>
    <h2 id="hours">Opening hours</h2>
    <p>The ticket office opens at 6&nbsp;a.m. every day.<br>Night ferries leave at 11 p.m.</p>
    <p>Two gates serve the quay:</p>
    <ul><li>Gate A serves ferries.</li><li>Gate B serves cargo &mdash; not passengers.<ul><li>Cargo needs a permit.</li></ul></li></ul>
    <h2 id="fees">Fees</h2>
    <table><thead><tr><th>Vehicle</th><th>Fee</th></tr></thead><tbody><tr><td>Car</td><td>&euro;12</td></tr><tr><td>Bicycle</td><td>free</td></tr></tbody></table>
    <script>document.write("INLINE-SCRIPT")</script>
    <h2 id="rules">Rules</h2>
    <dl><dt>Mooring</dt><dd>Boats moor at the <em>east</em> pier.</dd><dt>Fishing</dt><dd>Not allowed from the quay.</dd></dl>
    <div class="note"><p>Divers need written permission from the harbour master.</p></div>
    <blockquote><p>The quay is the town&#x2019;s oldest street.</p></blockquote>
    <figure><img src="map.png" alt="IMAGE-ALT"><figcaption>Map of the quay in 1900</figcaption></figure>
    <pre><code>ferry --route north
  --depart 06:00</code></pre>
    <p>Press <kbd>Ctrl</kbd> and read the <code>ticket_id</code> field. {% include "footer.html" %}Tickets cost less online {{ site.promo }}[[HARBOUR-ACT]].</p>
    <p hidden>HIDDEN-TEXT</p><p aria-hidden="true">ARIA-HIDDEN</p>
    <div role="search">SEARCH-BOX</div>
  </main>
  <footer>Copyright FOOTER-TEXT</footer>
</body>
</html>`;

const blockTexts = (document: Document) => document.blocks.map((block) => document.text.slice(block.start, block.end));
const blockOf = (document: Document, kind: string) => blockTexts(document).filter((_, i) => document.blocks[i]!.kind === kind);

describe('parseHtml', () => {
  const document = parseHtml({ id: 'harbour', file: 'harbour.html', html: PAGE });

  it('reads only the main content: chrome, scripts, hidden elements and link lists are dropped', () => {
    expect(document.text).toContain('The harbour opened in 1887 and handles ferries and cargo.');
    for (const dropped of ['SCRIPT-TEXT', 'INLINE-SCRIPT', 'SITE-BANNER', 'MENU-LINK', 'NAV-ROLE', 'FOOTER-TEXT', 'HIDDEN-TEXT', 'ARIA-HIDDEN', 'SEARCH-BOX', 'IMAGE-ALT', 'color: red']) {
      expect(document.text).not.toContain(dropped);
    }
    // The table of contents (three links, all of its text) is navigation, not a list of the page.
    expect(blockTexts(document).some((text) => text.includes('Opening hours'))).toBe(false);
  });

  it('decodes entities and leaves no markup or template syntax in any block', () => {
    expect(document.text).toContain('6 a.m.');
    expect(document.text).toContain('Gate B serves cargo — not passengers.');
    expect(document.text).toContain('town’s oldest street');
    for (const text of blockOf(document, 'paragraph').concat(blockOf(document, 'list'), blockOf(document, 'table'), blockOf(document, 'definition'))) {
      expect(text).not.toMatch(/<[a-z]|&[a-z]+;|\{%|\{\{|\[\[/i);
    }
  });

  it('turns headings into sections whose offsets slice to their titles', () => {
    expect(document.sections.map((section) => [section.title, section.level])).toEqual([
      ['Harbour Guide', 1],
      ['Opening hours', 2],
      ['Fees', 2],
      ['Rules', 2],
    ]);
    for (const section of document.sections) expect(document.text.slice(section.start, section.bodyStart)).toBe(section.title);
    const hours = document.sections[1]!;
    expect(document.text.slice(hours.bodyStart, hours.end)).toContain('Night ferries leave at 11 p.m.');
    expect(document.text.slice(hours.bodyStart, hours.end)).not.toContain('€12');
  });

  it('joins a list with its lead-in, flattening nested items; each item is a unit', () => {
    const list = document.blocks.find((block) => block.kind === 'list')!;
    expect(document.text.slice(list.start, list.end)).toBe('Two gates serve the quay:\n\n• Gate A serves ferries.\n• Gate B serves cargo — not passengers.\n• Cargo needs a permit.');
    expect(list.units!.map((unit) => document.text.slice(unit.start, unit.end))).toEqual([
      'Two gates serve the quay:',
      'Gate A serves ferries.',
      'Gate B serves cargo — not passengers.',
      'Cargo needs a permit.',
    ]);
    expect(document.sections[list.section]!.title).toBe('Opening hours');
  });

  it('reads table rows with their headers, <dl> as definitions and <pre> as code', () => {
    expect(blockOf(document, 'table')).toEqual(['Vehicle: Car; Fee: €12\nVehicle: Bicycle; Fee: free']);
    expect(blockOf(document, 'definition')).toEqual(['Mooring: Boats moor at the east pier.\nFishing: Not allowed from the quay.']);
    expect(blockOf(document, 'code')).toEqual(['ferry --route north\n  --depart 06:00']);
  });

  it('labels notes, keeps quotes and figure captions as paragraphs, and inline code as written', () => {
    const paragraphs = blockOf(document, 'paragraph');
    expect(paragraphs).toContain('The ticket office opens at 6 a.m. every day. Night ferries leave at 11 p.m.');
    expect(paragraphs).toContain('Note: Divers need written permission from the harbour master.');
    expect(paragraphs).toContain('The quay is the town’s oldest street.');
    expect(paragraphs).toContain('Map of the quay in 1900');
    expect(paragraphs).toContain('Press Ctrl and read the ticket_id field. Tickets cost less online HARBOUR-ACT.');
  });

  it('keeps every block inside its section, and chunks quote the stored text verbatim', () => {
    for (const block of document.blocks) {
      const section = document.sections[block.section]!;
      expect(block.start).toBeGreaterThanOrEqual(section.bodyStart);
      expect(block.end).toBeLessThanOrEqual(section.end);
      for (const unit of block.units ?? []) expect(unit.start >= block.start && unit.end <= block.end).toBe(true);
    }
    const chunks = chunkDocument(document, { chunkSize: 500, overlapSentences: 0 });
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(document.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    expect(chunks.find((chunk) => chunk.text.includes('1887'))?.section).toBe('Harbour Guide');
  });

  it('takes the title from <title>, the url from the canonical link and <meta> as metadata, unless the sidecar says otherwise', () => {
    expect(document.title).toBe('Harbour & Port Guide');
    expect(document.url).toBe('https://example.org/harbour');
    expect(document.metadata).toEqual({ description: 'Ferries & cargo' });
    const overridden = parseHtml({ id: 'harbour', file: 'harbour.html', html: PAGE, title: 'Sidecar title', url: 'https://example.org/other' });
    expect([overridden.title, overridden.url]).toEqual(['Sidecar title', 'https://example.org/other']);
    const bare = parseHtml({ id: 'bare', file: 'bare.html', html: '<meta property="og:url" content="https://example.org/og"><h1>Only a heading</h1><p>Body text.</p>' });
    expect([bare.title, bare.url]).toEqual(['Only a heading', 'https://example.org/og']);
    expect(parseHtml({ id: 'empty', file: 'empty.html', html: '<p>No heading.</p>' }).title).toBe('empty');
  });

  it.each([
    ['a single <article>', '<body><p>SIDEBAR-TEXT</p><article><h2>Story</h2><p>The story.</p></article></body>'],
    ['role=main', '<body><div>SIDEBAR-TEXT</div><div role="main"><h2>Story</h2><p>The story.</p></div></body>'],
  ])('reads %s as the main content', (_name, html) => {
    const story = parseHtml({ id: 's', file: 's.html', html });
    expect(story.text).toBe('Story\n\nThe story.');
  });

  it('ends a mis-closed heading (<h2>…</h3>) at its first block, as a browser does', () => {
    const page = parseHtml({ id: 'm', file: 'm.html', html: '<h2>Overlaps</h3><p>Body of the section.</p><h3>Detail</h3><p>More.</p>' });
    expect(page.sections.map((section) => [section.title, section.level])).toEqual([
      ['Overlaps', 2],
      ['Detail', 3],
    ]);
    expect(blockTexts(page)).toEqual(['Body of the section.', 'More.']);
  });

  it('keeps a paragraph that cites a couple of links, but drops a div that is only links', () => {
    const page = parseHtml({
      id: 'l',
      file: 'l.html',
      html: '<p>See <a href="/a">the ferry timetable</a> and <a href="/b">the fees</a> before travelling.</p><div><a href="/en">English</a> | <a href="/fr">Français</a> | <a href="/de">Deutsch</a></div>',
    });
    expect(blockTexts(page)).toEqual(['See the ferry timetable and the fees before travelling.']);
  });

  it('reads a cell spanning rows in each row, a header row only where it sub-divides a spanning cell, and a table of header rows as its body', () => {
    const page = parseHtml({
      id: 't',
      file: 't.html',
      html:
        '<table><thead><tr><th rowspan="2">Route</th><th colspan="2">Crossing</th></tr><tr><th>Day</th><th>Night</th></tr></thead>' +
        '<tbody><tr><td rowspan="2">Harbour line</td><td>20 min</td><td>35 min</td></tr><tr><td>25 min</td><td>40 min</td></tr></tbody></table>' +
        '<table><thead><tr><th>Pier</th><th>Opens</th></tr><tr><th>North</th><th>06:00</th></tr></thead><tbody><tr><td>South</td><td>07:00</td></tr></tbody></table>' +
        '<table><thead><tr><th>Bring a ticket for every bicycle.</th></tr></thead></table>',
    });
    expect(blockTexts(page)).toEqual([
      'Route: Harbour line; Crossing Day: 20 min; Crossing Night: 35 min\nRoute: Harbour line; Crossing Day: 25 min; Crossing Night: 40 min',
      'Pier: North; Opens: 06:00\nPier: South; Opens: 07:00',
      'Bring a ticket for every bicycle.',
    ]);
  });

  it("leaves a note's mark out of a heading and its link back to the mark out of the note", () => {
    const page = parseHtml({
      id: 'n',
      file: 'n.html',
      html: '<h2>Fares<sup><a href="#note-1" id="ref-1">[1]</a></sup></h2><p>Children travel free.</p><ol><li id="note-1"><p>Under twelve years. <a href="#ref-1">↑</a></p></li></ol>',
    });
    expect(page.sections.map((section) => section.title)).toContain('Fares');
    expect(page.text).not.toContain('↑');
    expect(page.text).toContain('Under twelve years.');
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

describe('parseHtml with several <main> elements', () => {
  it('reads every one (HTML allows several; hidden ones are dropped as furniture)', () => {
    const document = parseHtml({ id: 'p', file: 'p.html', html: '<main><p>Alpha part.</p></main><main><p>Beta part.</p></main><main hidden><p>Draft.</p></main>' });
    expect(document.text).toBe('Alpha part.\n\nBeta part.');
  });
});
