import { describe, expect, it } from 'vitest';
import { rewriteMystSyntax } from '../../src/corpus/markdown/myst-syntax.js';
import { parseMarkdown } from '../../src/corpus/parse-markdown.js';

const read = (text: string) => parseMarkdown({ id: 'x', file: 'x.md', text }).text;

describe('MyST Markdown', () => {
  it('leaves a file that uses no MyST as it is: its % lines and braces are prose', () => {
    const plain = 'Growth was 12\n% a year.\n\n% Title of a Pandoc file\n\nWrite `{note}` to open a box.\n';
    expect(rewriteMystSyntax(plain)).toBe(plain);
    expect(read(plain)).toContain('% Title of a Pandoc file');
  });

  it('skips roles inside inline code and a % line inside a paragraph, in a file that uses MyST', () => {
    const text = read('(intro)=\n# Intro\n\nSee {ref}`the setup <setup>`, but write `{note}` and `{warning}` as shown.\n\nGrowth was 12\n% a year.\n\n% a comment\n');
    expect(text).toContain('See the setup, but write {note} and {warning} as shown.');
    expect(text).toContain('% a year.');
    expect(text).not.toContain('a comment');
  });

  it('reads a code cell with options as code, a fence longer than the code it holds, and unknown fences as code', () => {
    const source = [
      '# Code',
      '',
      '```{code-cell} ipython3',
      ':tags: [hide-input]',
      'print("hi")',
      '```',
      '',
      '`````{code-block} markdown',
      '````',
      'nested',
      '````',
      '`````',
      '',
      '```{r setup, include=FALSE}',
      'library(dplyr)',
      '```',
      '',
      '## After',
      '',
      'Still a section.',
    ].join('\n');
    const document = parseMarkdown({ id: 'x', file: 'x.md', text: source });
    const code = (document.blocks ?? []).filter((block) => block.kind === 'code').map((block) => document.text.slice(block.start, block.end));
    expect(code).toEqual(['print("hi")', '````\nnested\n````', 'library(dplyr)']);
    expect(document.sections.map((section) => section.title)).toContain('After');
    expect(document.text).not.toContain(':tags:');
  });

  it('reads a figure for its caption, an admonition as a note, and leaves a picture out', () => {
    const text = read('# Maps\n\n:::{figure} maps/coast.png\n:alt: Coast\nThe coast at low water.\n:::\n\n```{warning}\nDo not sail at night.\n```\n\n```{image} logo.png\n```\n');
    expect(text).toContain('The coast at low water.');
    expect(text).toContain('Warning: Do not sail at night.');
    expect(text).not.toMatch(/coast\.png|logo\.png|:alt:/);
  });
});
