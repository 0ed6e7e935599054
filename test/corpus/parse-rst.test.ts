import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/document.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { MAX_INLINE_MARKS_PER_PARAGRAPH, parseRst } from '../../src/corpus/parse-rst.js';
import { roleText } from '../../src/corpus/role-text.js';
import { chunkDocument } from '../../src/ingest/chunk-document.js';

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

describe('roleText', () => {
  it('shows an explicit title, the last part after ~, a bare label as its words, anything else as written', () => {
    expect(roleText('the guide <backup-guide>')).toBe('the guide');
    expect(roleText('~os.path.join')).toBe('join');
    expect(roleText('!quill.prune')).toBe('quill.prune');
    expect(roleText('absolute-and-relative-paths')).toBe('absolute and relative paths');
    expect(roleText('QUILL_REPO')).toBe('QUILL_REPO');
  });
});

describe('reStructuredText files in a corpus folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rst-corpus-'));
    await writeFile(path.join(dir, 'prune.rst'), PAGE);
    await writeFile(path.join(dir, 'faq.rest'), 'FAQ\n===\n\nIs the archive encrypted?\n   Yes, always.\n');
    await writeFile(path.join(dir, 'dense.rst'), `Title\n=====\n\n${'`x '.repeat(MAX_INLINE_MARKS_PER_PARAGRAPH + 1)}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are indexed as documents, .rst and .rest alike; one the reader cannot take is named with the reason', async () => {
    const { documents, skipped } = await loadCorpus(dir);
    expect(documents.map((document) => [document.file, document.title]).sort()).toEqual([
      ['faq.rest', 'FAQ'],
      ['prune.rst', 'Pruning the archive'],
    ]);
    expect(skipped).toEqual([{ file: 'dense.rst', reason: expect.stringMatching(/inline markup characters/) as unknown }]);
  });
});
