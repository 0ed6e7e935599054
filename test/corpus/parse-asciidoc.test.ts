import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/document.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { parseAsciidoc } from '../../src/corpus/parse-asciidoc.js';
import { chunkDocument } from '../../src/ingest/chunk-document.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const temporaryFolder = temporaryFolders('corpus-');

/** A manual page as AsciiDoc writers write them: attributes, admonitions, continuations, a table, code, an include. */
const PAGE = `= Tide Gauge Manual
:product: TG-100
:toc: left
:icons: font

This manual covers the {product} gauge.

== Installing the gauge

NOTE: Keep the foam insert for calibration trips.

The gauge needs the following parts:

* a mounting bracket
* a signal cable
+
The cable is 5 m long.

include::partials/safety.adoc[]

[source,bash]
----
include::example$configure.sh[tag=port]
tg-config --port /dev/ttyUSB0 <1>
tg-config --format "{time}:{level}[{module}] {msg}"
----
<1> the serial port of the logger

// Reviewers: check the torque figure.
[WARNING]
====
Tighten both bolts to 12 Nm.
====

=== Power

.Current draw
[cols="1,1",options="header"]
|===
|Mode |Current

|Logging
|40 mA

|Idle
|5 mA
|===

ifdef::backend-pdf[]
Printed copies only.
endif::[]

See <<_installing_the_gauge>> and link:https://example.org/gauge[the product page].
Calibration is in {link-prefix}:{link-calibration}#drift[the calibration guide].

Logger:: stores a reading every six minutes
Modem:: sends the day's readings at midnight
`;

describe('parseAsciidoc', () => {
  let document: Document;
  beforeAll(async () => {
    document = await parseAsciidoc({ id: 'manual', file: 'manual.adoc', text: PAGE });
  });
  const blockTexts = () => document.blocks.map((block) => document.text.slice(block.start, block.end));

  it('takes the title from the document title and makes sections of the section titles', () => {
    expect(document.title).toBe('Tide Gauge Manual');
    expect(document.sections.map((section) => [section.level, section.title])).toEqual([
      [1, 'Tide Gauge Manual'],
      [2, 'Installing the gauge'],
      [3, 'Power'],
    ]);
    for (const section of document.sections) expect(document.text.slice(section.start, section.bodyStart)).toBe(section.title);
  });

  it('resolves attributes, applies conditionals, drops comments and includes (in a paragraph or a listing)', () => {
    expect(document.text).toContain('This manual covers the TG-100 gauge.');
    expect(document.text).not.toMatch(/Printed copies only|Reviewers|safety\.adoc|configure\.sh/);
  });

  it('leaves no AsciiDoc markup in the text', () => {
    expect(document.text).not.toMatch(/^=+ |^----|\|===|\[source|<<|>>|link:|xref:|include::|ifdef::|endif::|^\/\/|^:\w+:|\{product\}/m);
  });

  it('reads admonitions as notes, a list with its lead-in and continuation, a table with its header, code as code', () => {
    const blocks = blockTexts();
    expect(blocks).toContain('Note: Keep the foam insert for calibration trips.');
    expect(blocks).toContain('Warning: Tighten both bolts to 12 Nm.');
    const list = document.blocks.find((block) => block.kind === 'list' && document.text.slice(block.start, block.end).startsWith('The gauge needs'));
    expect(list && document.text.slice(list.start, list.end)).toBe('The gauge needs the following parts:\n\n• a mounting bracket\n• a signal cable The cable is 5 m long.');
    const table = document.blocks.find((block) => block.kind === 'table');
    expect(table && document.text.slice(table.start, table.end)).toContain('Mode: Logging; Current: 40 mA');
    const code = document.blocks.find((block) => block.kind === 'code');
    expect(code && document.text.slice(code.start, code.end)).toContain('tg-config --port /dev/ttyUSB0');
    // Code is quoted as written: a format string is not a link made of attributes.
    expect(code && document.text.slice(code.start, code.end)).toContain('tg-config --format "{time}:{level}[{module}] {msg}"');
    expect(blocks).toContain('Logger: stores a reading every six minutes\nModem: sends the day\u2019s readings at midnight');
  });

  it('keeps links as their text (those made of undefined attributes too), and chunks quote the stored text verbatim', () => {
    expect(document.text).toContain('the product page');
    // A cross-reference built from attributes the site defines elsewhere: its text, not the unresolved macro.
    expect(document.text).toContain('Calibration is in the calibration guide.');
    for (const chunk of chunkDocument(document, { chunkSize: 300, overlapSentences: 0 })) {
      expect(document.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    }
  });
});

describe('AsciiDoc files in a corpus folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryFolder('adoc-corpus-');
    await writeFile(path.join(dir, 'manual.adoc'), PAGE);
    await writeFile(path.join(dir, 'notes.asciidoc'), '= Release Notes\n\n== 2.1\n\nThe modem retries three times.\n');
    await writeFile(path.join(dir, 'empty.adoc'), '// nothing written yet\n');
    // A PGP signature beside a download is not a document.
    await writeFile(path.join(dir, 'gauge.tar.gz.asc'), '-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n');
  });

  it('are indexed as documents, .adoc and .asciidoc alike; an empty one is named with the reason; a .asc signature is not read', async () => {
    const { documents, skipped } = await loadCorpus(dir);
    expect(documents.map((document) => [document.file, document.title]).sort()).toEqual([
      ['manual.adoc', 'Tide Gauge Manual'],
      ['notes.asciidoc', 'Release Notes'],
    ]);
    expect(skipped).toEqual([{ file: 'empty.adoc', reason: 'the AsciiDoc file holds no text' }]);
  });
});

describe('the attributes an AsciiDoc project sets outside its pages', () => {
  let dir: string;
  const page = (extra = '') =>
    `= Sync Guide\n${extra}\n{brand} syncs every {interval} to {docs}.\n\nifdef::community[]\nAsk on the {brand} forum.\nendif::community[]\nifdef::product[]\nCall the {brand} support line.\nendif::product[]\nifdef::draft[]\nDRAFT\nendif::draft[]\n`;
  const preview = '// preview\n:brand: Quill\n:interval: hour\n:base: https://quill.example\n:docs: {base}/docs\n:product:\n:draft:\n';
  beforeAll(async () => {
    dir = await temporaryFolder('adoc-project-');
    await mkdir(path.join(dir, 'docs/modules/ROOT/pages'), { recursive: true });
    await mkdir(path.join(dir, 'broken/pages'), { recursive: true });
    // An editor preview configuration at the top: defaults a page may override, references expanded in order.
    await writeFile(path.join(dir, '.asciidoctorconfig'), preview);
    // An Antora component descriptor below it: values the page cannot change; `true` sets, `false` unsets.
    await writeFile(
      path.join(dir, 'docs/antora.yml'),
      "name: guide\nversion: '2'\nasciidoc:\n  attributes:\n    interval: ten minutes\n    community: true\n    product: false\n    brand: Quill Pro@\n",
    );
    // A preview configuration nearer the page unsets an inherited attribute the way AsciiDoc prefers.
    await writeFile(path.join(dir, 'docs/modules/.asciidoctorconfig'), ':!draft:\n');
    await writeFile(path.join(dir, 'docs/modules/ROOT/pages/sync.adoc'), page(':interval: day\n:brand: Nib\n'));
    await writeFile(path.join(dir, 'own.adoc'), page(':brand: Nib\n:product!:\n'));
    await writeFile(path.join(dir, 'broken/antora.yml'), 'asciidoc:\n  attributes: [one, two\n');
    await writeFile(path.join(dir, 'broken/pages/plain.adoc'), page());
  });

  const textOf = async (file: string) => (await loadCorpus(dir)).documents.find((document) => document.file === file)?.text ?? '';

  it('resolves references and conditionals with them: the descriptor over the page, the page over soft values', async () => {
    const text = await textOf('docs/modules/ROOT/pages/sync.adoc');
    // interval: the descriptor's hard value beats the page's; brand: the page beats the descriptor's soft `@` value.
    expect(text).toContain('Nib syncs every ten minutes to https://quill.example/docs.');
    expect(text).toContain('Ask on the Nib forum.');
    // product: set above, unset by the descriptor; draft: set above, unset nearer the page.
    expect(text).not.toContain('support line');
    expect(text).not.toContain('DRAFT');
  });

  it('lets a page override or unset what a preview configuration sets', async () => {
    const text = await textOf('own.adoc');
    expect(text).toContain('Nib syncs every hour to https://quill.example/docs.');
    expect(text).not.toContain('support line');
    expect(text).toContain('DRAFT');
  });

  it('names a descriptor that is not valid YAML, and still reads its pages with the attributes above it', async () => {
    const { documents, skipped } = await loadCorpus(dir);
    expect(skipped).toEqual([{ file: 'broken/antora.yml', reason: expect.stringMatching(/^its AsciiDoc attributes are not applied: [^\n]*[^:\n]$/) as unknown }]);
    expect(documents.find((document) => document.file === 'broken/pages/plain.adoc')?.text).toContain('Quill syncs every hour');
  });

  it('re-reads the pages when a configuration changes (the corpus hash covers it)', async () => {
    const before = (await loadCorpus(dir)).hash;
    await writeFile(path.join(dir, '.asciidoctorconfig'), ':brand: Quill Pro\n');
    try {
      expect((await loadCorpus(dir)).hash).not.toBe(before);
    } finally {
      await writeFile(path.join(dir, '.asciidoctorconfig'), preview);
    }
  });
});
