import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { MAX_OUTPUT_CHARS, parseNotebook } from '../../src/corpus/parse-notebook.js';
import { chunkDocument } from '../../src/ingest/chunk-document.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const temporaryFolder = temporaryFolders('corpus-');

/** A tutorial notebook as Jupyter writes it: sources as lists of lines, a code cell with printed output and a
 * picture, a raw cell, and MyST syntax in the Markdown cells (a directive with options, a role, a target). */
const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python3', language: 'python' }, language_info: { name: 'python' } },
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# Tide Tables\n', '\n', '```{image} logo.png\n', ':alt: Logo\n', '```'] },
    {
      cell_type: 'markdown',
      metadata: {},
      source: ['(overview)=\n', '## Overview\n', 'Tides are read hourly {cite:p}`smith2020` from the gauge; see {ref}`the setup <setup>`.\n'],
    },
    { cell_type: 'markdown', metadata: {}, source: ':::{tip icon=false} Time to learn\n20 minutes\n:::' },
    {
      cell_type: 'code',
      execution_count: 1,
      metadata: {},
      source: ['import tides\n', 'tides.read("gauge.csv")'],
      outputs: [
        { output_type: 'stream', name: 'stdout', text: ['read 24 rows\n'] },
        { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo=', 'text/plain': ['<Figure size 640x480>'] }, metadata: {} },
      ],
    },
    { cell_type: 'raw', metadata: {}, source: '\\newpage' },
    {
      cell_type: 'markdown',
      metadata: {},
      source: '```{note}\nA gauge drifts by about 2 mm a month.\n```\n\n```{code-cell} python\nprint(1)\n```',
    },
  ],
};

describe('parseNotebook', () => {
  const document = parseNotebook({ id: 'tides', file: 'tides.ipynb', text: JSON.stringify(NOTEBOOK) });

  it('reads the Markdown cells as prose, with MyST roles, targets and directives as the built page shows them', () => {
    expect(document.title).toBe('Tide Tables');
    expect(document.sections.map((section) => section.title)).toEqual(['Tide Tables', 'Overview']);
    expect(document.text).toContain('Tides are read hourly smith2020 from the gauge; see the setup.');
    expect(document.text).toContain('Tip: Time to learn 20 minutes');
    expect(document.text).toContain('Note: A gauge drifts by about 2 mm a month.');
    for (const absent of ['(overview)=', '{cite', '{ref}', '{image}', ':alt:', '{note}', ':::', 'newpage', 'iVBOR']) expect(document.text).not.toContain(absent);
  });

  it('reads code cells as code with the text they printed, and a MyST code cell as code', () => {
    const code = (document.blocks ?? []).filter((block) => block.kind === 'code').map((block) => document.text.slice(block.start, block.end));
    expect(code).toEqual(expect.arrayContaining([expect.stringContaining('tides.read("gauge.csv")'), expect.stringContaining('print(1)')]));
    expect(code.some((each) => each.includes('read 24 rows') && each.includes('<Figure size 640x480>'))).toBe(true);
  });

  it('quotes the stored text verbatim', () => {
    for (const chunk of chunkDocument(document, { chunkSize: 300, overlapSentences: 0 })) expect(document.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
  });

  it('ends a fence its cell leaves open with the cell, as Jupyter renders each cell on its own', () => {
    const unclosed = {
      ...NOTEBOOK,
      cells: [NOTEBOOK.cells[0], { cell_type: 'markdown', source: '```{admonition} Info\n:class: tip\nCheck the units.' }, { cell_type: 'markdown', source: '## Next steps\nPlot the tides.' }],
    };
    const read = parseNotebook({ id: 'open', file: 'open.ipynb', text: JSON.stringify(unclosed) });
    expect(read.text).toContain('Info: Check the units.');
    expect(read.sections.map((section) => section.title)).toContain('Next steps');
    expect(read.text).toContain('Plot the tides.');
  });

  it('reads printed output as a terminal shows it, with an error named by its message, and ignores a malformed output', () => {
    const printed = {
      ...NOTEBOOK,
      cells: [
        NOTEBOOK.cells[0],
        {
          cell_type: 'code',
          source: 'run()',
          outputs: [
            null,
            { output_type: 'stream', text: ['\u001b[32mINFO\u001b[0m loading\n', 'progress 1/3\rprogress 3/3\n'] },
            { output_type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: ['\u001b[31m---'] },
          ],
        },
        { cell_type: 'markdown', source: 'An unclosed <!-- note\nstill in the comment' },
        { cell_type: 'markdown', source: '## Next\nRead on.' },
      ],
    };
    const read = parseNotebook({ id: 'out', file: 'out.ipynb', text: JSON.stringify(printed) });
    expect(read.text).toMatch(/INFO loading\nprogress 3\/3\n+ZeroDivisionError: division by zero/);
    expect(read.text).not.toContain(String.fromCharCode(27));
    expect(read.text).not.toContain("progress 1/3");
    expect(read.text).toContain('Read on.');
  });

  it('reads a long printed output only up to its start', () => {
    const long = { ...NOTEBOOK, cells: [NOTEBOOK.cells[0], { cell_type: 'code', source: 'log()', outputs: [{ output_type: 'stream', text: 'x'.repeat(MAX_OUTPUT_CHARS * 3) }] }] };
    const read = parseNotebook({ id: 'long', file: 'long.ipynb', text: JSON.stringify(long) });
    expect(read.text.length).toBeLessThan(MAX_OUTPUT_CHARS + 200);
  });

  it('names a file that is not a notebook, or one without text', () => {
    expect(() => parseNotebook({ id: 'x', file: 'x.ipynb', text: '{"cells": ' })).toThrow(/not a Jupyter notebook/);
    expect(() => parseNotebook({ id: 'x', file: 'x.ipynb', text: '{"worksheets": []}' })).toThrow(/not a Jupyter notebook/);
    expect(() => parseNotebook({ id: 'x', file: 'x.ipynb', text: '{"cells": [{"cell_type": "raw", "source": "x"}]}' })).toThrow(/holds no text/);
  });
});

describe('notebooks in a corpus folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryFolder('notebook-corpus-');
    await writeFile(path.join(dir, 'tides.ipynb'), JSON.stringify(NOTEBOOK, null, 1));
    await writeFile(path.join(dir, 'broken.ipynb'), '{"cells": [');
  });

  it('are indexed as documents; a broken one is named with the reason and the rest is read', async () => {
    const { documents, skipped } = await loadCorpus(dir);
    expect(documents.map((document) => [document.file, document.title])).toEqual([['tides.ipynb', 'Tide Tables']]);
    expect(skipped).toEqual([{ file: 'broken.ipynb', reason: expect.stringMatching(/^not a Jupyter notebook/) as unknown }]);
  });
});
