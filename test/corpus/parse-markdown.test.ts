import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/document.js';
import { parseMarkdown } from '../../src/corpus/parse-markdown.js';
import { cleanTemplateSyntax } from '../../src/corpus/template-syntax.js';

const GUIDE = `---
title: Lighthouse keeping
slug: Guides/Lighthouse
page-type: guide
tags: [sea, light]
---

{{GuideSidebar}}

A **lighthouse** guides ships with a _light_ and a {{glossary("Fog signal", "fog horn")}}. See the [lamp guide](/lamp) for details.![A tower](tower.png)[^1]

## Lamps {#lamps}

The keeper trims the {{LampPart("Wick")}} every evening.<br>Oil is stored below. {% include "ad.html" %}

> [!NOTE]
> Modern lamps are electric; see \`lamp --status\`.

> **Warning:** Never look into a lit lens.

The keeper checks three things:

- The lens is clean.
- The oil tank is full.
  - The spare tank too.
- The clock is wound.

Setext heading
--------------

| Part | Material |
| ---- | -------- |
| Lens | Glass |
| Tower | Stone |

\`\`\`sh
lamp --light
\`\`\`

<!--
sequenceDiagram
  Keeper->>Lamp: light
-->

<h2>Fog signals</h2>
<p>The horn sounds <em>twice</em> a minute &amp; louder in a storm.</p>

Terms:

- \`beam\`
  - : The light leaving the lens.
- \`period\`
  - : The time between two flashes.

Liquid {{ page.author }} stays out, {: .note} as does an attribute list.

---

[^1]: A footnote about towers.
`;

const blockTexts = (document: Document) => document.blocks.map((block) => document.text.slice(block.start, block.end));
const blocksOf = (document: Document, kind: string) => blockTexts(document).filter((_, i) => document.blocks[i]!.kind === kind);

describe('parseMarkdown', () => {
  const document = parseMarkdown({ id: 'lighthouse', file: 'lighthouse.md', text: GUIDE });

  it('reads front matter as title and string metadata, never as text', () => {
    expect(document.title).toBe('Lighthouse keeping');
    expect(document.metadata).toEqual({ title: 'Lighthouse keeping', slug: 'Guides/Lighthouse', 'page-type': 'guide' });
    expect(document.text).not.toContain('page-type');
    expect(document.text).not.toContain('Guides/Lighthouse');
  });

  it('makes ATX, setext and raw-HTML headings sections, heading ids removed, offsets slicing to the titles', () => {
    expect(document.sections.map((section) => [section.title, section.level])).toEqual([
      ['Introduction', 0],
      ['Lamps', 2],
      ['Setext heading', 2],
      ['Fog signals', 2],
    ]);
    for (const section of document.sections.slice(1)) expect(document.text.slice(section.start, section.bodyStart)).toBe(section.title);
  });

  it('reduces inline markup and macros to readable text: no images, footnote markers or template syntax', () => {
    const paragraphs = blocksOf(document, 'paragraph');
    expect(paragraphs[0]).toBe('A lighthouse guides ships with a light and a fog horn. See the lamp guide for details.');
    expect(paragraphs).toContain('The keeper trims the Wick every evening. Oil is stored below.');
    expect(paragraphs).toContain('The horn sounds twice a minute & louder in a storm.');
    expect(paragraphs).toContain('Liquid stays out, as does an attribute list.');
    for (const text of blockTexts(document).filter((_, i) => document.blocks[i]!.kind !== 'code')) {
      expect(text).not.toMatch(/<[a-z!]|\{%|\{\{|\{:|\]\(|```|^#|\[\^|\[!|\*\*/im);
    }
    expect(document.text).not.toContain('A tower');
    expect(document.text).not.toContain('sequenceDiagram');
  });

  it('labels callouts and keeps inline code without backticks', () => {
    const paragraphs = blocksOf(document, 'paragraph');
    expect(paragraphs).toContain('Note: Modern lamps are electric; see lamp --status.');
    expect(paragraphs).toContain('Warning: Never look into a lit lens.');
  });

  it('joins a list with its lead-in and flattens nested items', () => {
    const list = document.blocks.find((block) => block.kind === 'list')!;
    expect(list.units!.map((unit) => document.text.slice(unit.start, unit.end))).toEqual([
      'The keeper checks three things:',
      'The lens is clean.',
      'The oil tank is full.',
      'The spare tank too.',
      'The clock is wound.',
    ]);
    expect(document.sections[list.section]!.title).toBe('Lamps');
  });

  it('reads tables with their headers, fences as code and MDN "- : " lists as definitions', () => {
    expect(blocksOf(document, 'table')).toEqual(['Part: Lens; Material: Glass\nPart: Tower; Material: Stone']);
    expect(blocksOf(document, 'code')).toEqual(['lamp --light']);
    expect(blocksOf(document, 'definition')).toEqual(['beam: The light leaving the lens.\nperiod: The time between two flashes.']);
  });

  it('keeps blocks inside the section they name', () => {
    for (const block of document.blocks) {
      const section = document.sections[block.section]!;
      expect(block.start).toBeGreaterThanOrEqual(section.bodyStart);
      expect(block.end).toBeLessThanOrEqual(section.end);
    }
  });

  it('breaks a list where an item holds code, and resumes its numbering after it', () => {
    const steps = parseMarkdown({ id: 's', file: 's.md', text: '1. Open the door:\n\n   ```\n   door --open\n   ```\n\n2. Climb the stairs.\n' });
    expect(blockTexts(steps)).toEqual(['1. Open the door:', 'door --open', '2. Climb the stairs.']);
    expect(steps.blocks.map((block) => block.kind)).toEqual(['list', 'code', 'list']);
  });

  it('takes the title from the sidecar, then front matter, then the first # heading, then the id', () => {
    expect(parseMarkdown({ id: 'x', file: 'x.md', text: GUIDE, title: 'Sidecar' }).title).toBe('Sidecar');
    expect(parseMarkdown({ id: 'x', file: 'x.md', text: '## Sub\n\n# Main\n\nBody.' }).title).toBe('Main');
    expect(parseMarkdown({ id: 'x', file: 'x.md', text: 'Only a body.' }).title).toBe('x');
  });
});

describe('cleanTemplateSyntax', () => {
  it.each([
    ['{{Sidebar}}Text', 'Text'],
    ['the {{Header("Vary")}} header', 'the Vary header'],
    ['a {{Status("407")}} reply', 'a 407 reply'],
    ['{{glossary("Response header", "response headers")}}', 'response headers'],
    ["{{ Element('meta') }}", 'meta'],
    ['{{xref("Store_API", "Store API", "", "nocode")}}', 'Store API'],
    ['see {{rfc(7617)}}', 'see RFC 7617'],
    ['a{% include "x.html" %}b{{ page.title }}c', 'abc'],
    ['{% comment %}hidden{% endcomment %}shown', 'shown'],
    ['Heading {#anchor}', 'Heading'],
    ['text {: .class}', 'text '],
    ['per [[ISO-9241-3]]', 'per ISO-9241-3'],
    ['no templates here', 'no templates here'],
  ])('%s → %s', (input, expected) => {
    expect(cleanTemplateSyntax(input)).toBe(expected);
  });
});
