import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/document.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { parseRst } from '../../src/corpus/parse-rst.js';
import { MAX_INLINE_MARKS_PER_PARAGRAPH } from '../../src/corpus/rst/inline-marks.js';
import { roleText } from '../../src/corpus/role-text.js';
import { chunkDocument } from '../../src/ingest/chunk-document.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const temporaryFolder = temporaryFolders('corpus-');

/** A manual page as Sphinx writers write them: a label, roles, directives Sphinx adds, a table, code, a toctree. */
const PAGE = `:orphan:

.. _pruning:

===================
Pruning the archive
===================

.. |tool| replace:: Quill

|tool| keeps every snapshot until you prune it. See :ref:\`the backup guide <backup-guide>\` and
:doc:\`restore\`; the setting is :envvar:\`QUILL_REPO\`, the call :func:\`~quill.archive.prune\`, the
bug :issue:\`2659\`, the release |version|.

.. toctree::
   :maxdepth: 2

   restore
   backup

Policies
========

The following policies can be combined:

* \`\`--keep-last n\`\` keeps the last *n* snapshots
* \`\`--keep-daily n\`\` keeps one snapshot per day

.. note::

   Pruning cannot be undone.

.. versionadded:: 0.9
   The \`\`--keep-tag\`\` policy.

.. code-block:: console

   $ quill prune --keep-last 3
   removed 4 snapshots

+-----------+----------------+
| Option    | Default        |
+===========+================+
| interval  | one day        |
+-----------+----------------+

.. only:: latex

   Printed manuals only.

.. include:: footer.rst
`;

describe('parseRst', () => {
  let document: Document;
  beforeAll(async () => {
    document = await parseRst({ id: 'prune', file: 'prune.rst', text: PAGE });
  });

  it('takes the title from the first section title and makes sections of the section titles', () => {
    expect(document.title).toBe('Pruning the archive');
    expect(document.sections.map((section) => section.title)).toEqual(['Pruning the archive', 'Policies']);
  });

  it('reads roles as the text a built page shows, substitutions resolved, an undefined one as written', () => {
    expect(document.text).toContain(
      'Quill keeps every snapshot until you prune it. See the backup guide and restore; the setting is QUILL_REPO, the call prune, the bug 2659, the release |version|.',
    );
  });

  it('leaves out the document metadata, the table of contents tree, includes and content for other builders', () => {
    for (const absent of ['orphan', 'maxdepth', 'footer', 'Printed manuals']) expect(document.text).not.toContain(absent);
  });

  it('keeps a list with its lead-in, reads a note and a version note as Sphinx words them, a table with its header, code as code', () => {
    expect(document.text).toMatch(/The following policies can be combined:\s+• --keep-last n keeps the last n snapshots\s+• --keep-daily n/);
    expect(document.text).toContain('Note: Pruning cannot be undone.');
    expect(document.text).toContain('New in version 0.9: The --keep-tag policy.');
    expect(document.text).toMatch(/Option: interval[;,]? Default: one day/);
    const code = document.blocks?.find((block) => block.kind === 'code');
    expect(code && document.text.slice(code.start, code.end)).toContain('$ quill prune --keep-last 3');
  });

  it('leaves no reStructuredText markup in the text, and chunks quote the stored text verbatim', () => {
    expect(document.text).not.toMatch(/:ref:|:doc:|\.\. [a-z-]+::|``|^={3,}|\+-{3,}/m);
    for (const chunk of chunkDocument(document, { chunkSize: 300, overlapSentences: 0 })) {
      expect(document.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      for (const sentence of chunk.sentences) expect(sentence.end).toBeLessThanOrEqual(document.text.length);
    }
  });

  it('names a file whose paragraph holds too much inline markup for the reader, and one without text', async () => {
    const dense = `Title\n=====\n\n${'*a '.repeat(MAX_INLINE_MARKS_PER_PARAGRAPH + 1)}\n`;
    await expect(parseRst({ id: 'dense', file: 'dense.rst', text: dense })).rejects.toThrow(/inline markup characters/);
    await expect(parseRst({ id: 'empty', file: 'empty.rst', text: '.. a comment only\n' })).rejects.toThrow(/holds no text/);
  });
});

/** Constructs of real Sphinx manuals that the compiler stops at or shows differently from Sphinx. */
const SPHINX_PAGE = `Sync
====

.. _setup:

Setup
-----

The call is :func:\`read_file\`, the variable :envvar:\`http_proxy\`, see :ref:\`setup\` and :ref:\`sync-errors\`.

.. warning::

   Never edit the archive by hand.

.. seealso::

   The backup guide.

.. versionadded:: 2.0
   Intro

   * first change
   * second change

.. deprecated:: 3.1 Use bar instead.

.. deprecated:: 1.0

.. index:: single: sync

.. math::

   a^2 + b^2 = c^2

Inline :math:\`a^2\` too.

Noted [#n]_ once.

.. [#n] The note itself.

.. rubric:: Footnotes

.. _setup:

Again.
`;

describe('parseRst on what real Sphinx manuals write', () => {
  let text: string;
  beforeAll(async () => {
    text = (await parseRst({ id: 'sync', file: 'sync.rst', text: SPHINX_PAGE })).text;
  });

  it('shows identifiers as written and only a cross-reference label as its words', () => {
    expect(text).toContain('The call is read_file, the variable http_proxy, see setup and sync errors.');
  });

  it('labels each admonition with its kind and each version note as Sphinx does, with or without a body', () => {
    expect(text).toContain('Warning: Never edit the archive by hand.');
    expect(text).toContain('See also: The backup guide.');
    expect(text).toMatch(/New in version 2\.0: Intro\s+• first change/);
    expect(text).toContain('Deprecated since version 3.1: Use bar instead.');
    expect(text).toContain('Deprecated since version 1.0.');
  });

  it('keeps formulas as written, a footnote as its label and text, and leaves index entries out', () => {
    expect(text).toContain('a^2 + b^2 = c^2');
    expect(text).toContain('Inline a^2 too.');
    expect(text).toMatch(/1: The note itself\./);
    expect(text).not.toMatch(/single: sync|\[1\]|\[2\]/);
  });

  it('reads a page that defines a target twice, and a list table with a missing cell', async () => {
    expect(text).toContain('Again.');
    const table = '.. list-table:: Sizes\n   :header-rows: 1\n\n   * - Name\n     - Size\n   * - small\n     -\n\nAfter the table.\n';
    expect((await parseRst({ id: 't', file: 't.rst', text: table })).text).toContain('After the table.');
  });

  it('reads tabs as docutils does, and counts inline markup only where the compiler parses it', async () => {
    expect((await parseRst({ id: 't', file: 't.rst', text: 'Title\n=====\n\n*\tfirst\n*\tsecond\n' })).text).toMatch(/• first\s+• second/);
    const rows = Array.from({ length: 600 }, (_, i) => `| row ${i} | [x] |`).join('\n+--------+-----+\n');
    const grid = `Title\n=====\n\n+--------+-----+\n${rows}\n+--------+-----+\n`;
    await expect(parseRst({ id: 'grid', file: 'grid.rst', text: grid })).resolves.toBeDefined();
  });
});

describe('roleText', () => {
  it('shows an explicit title, the last part after ~, a bare label as its words, anything else as written', () => {
    expect(roleText('the guide <backup-guide>')).toBe('the guide');
    expect(roleText('~os.path.join')).toBe('join');
    expect(roleText('!quill.prune')).toBe('quill.prune');
    expect(roleText('absolute-and-relative-paths', { labelWords: true })).toBe('absolute and relative paths');
    // An identifier, a path or a term is shown as written, whatever its role.
    expect(roleText('read_file')).toBe('read_file');
    expect(roleText('time-to-live')).toBe('time-to-live');
  });
});

describe('reStructuredText files in a corpus folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryFolder('rst-corpus-');
    await writeFile(path.join(dir, 'prune.rst'), PAGE);
    await writeFile(path.join(dir, 'faq.rest'), 'FAQ\n===\n\nIs the archive encrypted?\n   Yes, always.\n');
    await writeFile(path.join(dir, 'dense.rst'), `Title\n=====\n\n${'`x '.repeat(MAX_INLINE_MARKS_PER_PARAGRAPH + 1)}\n`);
  });

  it('are indexed as documents, .rst and .rest alike; one the reader cannot take is named with the reason', async () => {
    const { documents, skipped } = await loadCorpus(dir);
    expect(documents.map((document) => [document.file, document.title]).sort()).toEqual([
      ['faq.rest', 'FAQ'],
      ['prune.rst', 'Pruning the archive'],
    ]);
    expect(skipped).toEqual([{ file: 'dense.rst', reason: expect.stringMatching(/inline markup characters/) as unknown }]);
  });
});
