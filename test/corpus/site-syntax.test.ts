import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/document.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { parseHtml } from '../../src/corpus/parse-html.js';
import { parseMarkdown } from '../../src/corpus/parse-markdown.js';
import { cleanTemplateSyntax } from '../../src/corpus/template-syntax.js';
import { holdsMarkup } from '../../src/text/markup.js';

const blockTexts = (document: Document) => document.blocks.map((block) => document.text.slice(block.start, block.end));
const markdown = (text: string) => parseMarkdown({ id: 'page', file: 'page.md', text });
const html = (text: string) => parseHtml({ id: 'page', file: 'page.html', html: text });

/** No block of the document holds markup or a generator's leftover syntax. */
function expectClean(document: Document, source: string): void {
  for (const block of document.blocks.filter((each) => each.kind !== 'code')) {
    const text = document.text.slice(block.start, block.end);
    expect(holdsMarkup(text, source), text).toBe(false);
    expect(text).not.toMatch(/:::|!!!|\?\?\?|===|\{\{[<%]|\{%|\{\/\*|import \w+ from|<\/?[A-Z]\w*|¶|--8<--|\{\s*\.[\w-]+/);
  }
}

describe('Docusaurus / MDX', () => {
  const source = `---
title: Getting started
---

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';
export const year = 2024;

{/* A comment for editors
spanning two lines */}

# Getting started

:::note Before you start

The lamp needs **oil** first.

:::

:::tip[Keep it short]
Trim the wick daily.
:::

::::warning
:::info
Nested notes are read too.
:::
Never leave the lamp alone.
::::

<Tabs groupId="os">
<TabItem value="mac" label="macOS">

Run the installer.

</TabItem>
</Tabs>

:::danger

\`\`\`js
const a = 1;
:::
\`\`\`

Fences keep colons.

:::
`;
  const document = markdown(source);

  it('drops import/export lines and JSX comments, keeps the components’ children', () => {
    expect(document.text).not.toMatch(/import|export|A comment/);
    expect(blockTexts(document)).toContain('Run the installer.');
    expectClean(document, source);
  });

  it('labels an admonition’s body with its title, else its kind', () => {
    const texts = blockTexts(document);
    expect(texts).toContain('Before you start: The lamp needs oil first.');
    expect(texts).toContain('Keep it short: Trim the wick daily.');
    expect(texts).toContain('Info: Nested notes are read too.');
    expect(texts).toContain('Never leave the lamp alone.');
    expect(texts).toContain('const a = 1;\n:::');
    expect(texts).toContain('Danger: Fences keep colons.');
    expect(document.sections.map((section) => section.title)).toEqual(['Getting started']);
  });

  it('reads .mdx files as Markdown', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mdx-'));
    try {
      await writeFile(path.join(dir, 'intro.mdx'), source);
      const { documents } = await loadCorpus(dir);
      expect(documents.map((each) => each.id)).toEqual(['intro']);
      expect(blockTexts(documents[0]!)).toContain('Keep it short: Trim the wick daily.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('MkDocs / Python-Markdown', () => {
  const source = `# Lamps

!!! warning "Hot glass"

    The lens stays hot for an hour.

    - Wear gloves.

??? note

    Folded note body.

!!! tip ""
    An untitled tip.

=== "Windows"

    Open the lamp panel.

=== "Linux"

    \`\`\`sh
    lamp --on
    \`\`\`

--8<-- "includes/abbreviations.md"

Press the button :material-lightbulb:{ .lg .middle } to start.{ .annotate }

[Start](#){ .md-button .md-button--primary }
`;
  const document = markdown(source);

  it('turns admonitions and content tabs into labelled text, dedenting their bodies', () => {
    const texts = blockTexts(document);
    expect(texts).toContain('Hot glass: The lens stays hot for an hour.');
    expect(texts).toContain('• Wear gloves.');
    expect(texts).toContain('Note: Folded note body.');
    expect(texts).toContain('An untitled tip.');
    expect(texts).toContain('Windows: Open the lamp panel.');
    expect(document.blocks.find((block) => block.kind === 'code') && document.text).toContain('lamp --on');
    expectClean(document, source);
  });

  it('drops snippet includes, attribute lists and icon shortcodes', () => {
    const texts = blockTexts(document);
    expect(texts).toContain('Press the button to start.');
    expect(texts).toContain('Start');
    expect(document.text).not.toContain('abbreviations');
  });
});

describe('template containers (GitBook, Hugo, Jekyll)', () => {
  const source = `# Setup

{% hint style="warning" %}
Back up the **keys** first.
{% endhint %}

{% tabs %}
{% tab title="npm" %}
Install with npm.
{% endtab %}
{% endtabs %}

{{% notice info "Good to know" %}}
The lamp is bright.
{{% /notice %}}

{{< code-toggle file=hugo >}}
[params]
color = 'red'
{{< /code-toggle >}}

{{< code-toggle config=build />}}

{% highlight ruby %}
puts "{{ page.title }}"
{% endhighlight %}

{{< datatable "config"
  "outputFormats" "_key"
>}}

Read the [code of conduct]({{ '/docs/conduct/' | relative_url }}) and the
[\`Site\` class]({{ site.repository }}/blob/master/site.rb).
`;
  const document = markdown(source);

  it('labels hints, tabs and notices; code containers become code', () => {
    const texts = blockTexts(document);
    expect(texts).toContain('Warning: Back up the keys first.');
    expect(texts).toContain('npm: Install with npm.');
    expect(texts).toContain('Good to know: The lamp is bright.');
    const code = document.blocks.filter((block) => block.kind === 'code').map((block) => document.text.slice(block.start, block.end));
    expect(code).toEqual(["[params]\ncolor = 'red'", 'puts "{{ page.title }}"']);
    expectClean(document, source);
  });

  it('keeps links whose target is a template tag as their text, and shows escaped shortcodes as the page does', () => {
    const texts = blockTexts(document);
    expect(texts).toContain('Read the code of conduct and the Site class.');
    expect(blockTexts(markdown('Use `{{</* figure src="a.png" */>}}` to show a figure.'))).toEqual(['Use {{< figure src="a.png" >}} to show a figure.']);
    expect(document.text).not.toContain('datatable');
  });

  it('cleans attribute lists and icons from prose, but not braces that are not attribute lists', () => {
    expect(cleanTemplateSyntax('Go :octicons-arrow-right-24:{ .middle } now')).toBe('Go now');
    expect(cleanTemplateSyntax('![x](a.png){ width="300" } after')).toBe('![x](a.png) after');
    expect(cleanTemplateSyntax('an object { a: 1 } at 10:30:45 :smile:')).toBe('an object { a: 1 } at 10:30:45 :smile:');
  });
});

describe('Obsidian and GitHub callouts', () => {
  it('reads the title on the marker’s line as the label; GitHub’s marker alone gives the kind', () => {
    const document = markdown('> [!tip]- Keep it lit\n> The wick needs trimming.\n\n> [!NOTE]\n> Lamps are electric.\n');
    expect(blockTexts(document)).toEqual(['Keep it lit: The wick needs trimming.', 'Note: Lamps are electric.']);
  });
});

describe('generated HTML manuals (Sphinx, MkDocs, Docusaurus)', () => {
  const source = `<html><head><title>Lamps — Manual</title></head><body>
<div class="bd-header-article"><ul class="dropdown-menu"><li><a href="_sources/lamps.md">.md</a></li></ul></div>
<div class="onlyprint"><h1>Lamps</h1><h2>Contents</h2></div>
<div class="sphinxsidebar"><h3>Quick search</h3><p>Search the docs</p></div>
<article>
<h1>Lamps<a class="headerlink" href="#lamps" title="Link to this heading">¶</a></h1>
<h2 id="oil">Oil<a href="#oil" aria-label="Direct link">#</a></h2>
<p>Fill the tank<a class="hash-link" href="#x">\u200b</a>. See <a href="#fn1">1</a>.</p>
<div class="admonition warning"><p class="admonition-title">Hot glass</p><p>The lens stays hot.</p></div>
<div class="theme-admonition theme-admonition-tip alert alert--success"><div class="admonitionHeading_x">tip</div><div class="admonitionContent_y"><p>Trim daily.</p></div></div>
<div class="highlight"><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span class="normal">1</span>
<span class="normal">2</span></pre></div></td><td class="code"><div><pre><span></span>lamp --on
lamp --off</pre></div></td></tr></table></div>
<pre><code><span class="linenos">1</span>echo a<br><span class="linenos">2</span>echo b</code></pre>
<p>The docstring says [see the guide](https://example.org/guide).</p>
<dl class="py function"><dt class="sig">light(level)<a class="headerlink" href="#light">¶</a><a class="reference internal" href="_modules/lamp.html"><span class="viewcode-link">[source]</span></a></dt><dd><p>Lights the lamp.</p></dd></dl>
<div class="prev-next-area"><a class="left-prev" href="a.html">previous Intro</a><a class="right-next" href="b.html">next Wicks</a></div>
</article></body></html>`;
  const document = html(source);

  it('drops permalinks, print-only copies, sidebars, menus and source links', () => {
    expect(document.sections.map((section) => section.title)).toEqual(['Lamps', 'Oil']);
    const texts = blockTexts(document);
    expect(texts).toContain('Fill the tank. See 1.');
    expect(texts).toContain('light(level): Lights the lamp.');
    expect(document.text).not.toMatch(/Quick search|Contents|\.md|previous|\[source\]/);
    expectClean(document, source);
  });

  it('labels admonitions with their title, and reads line-numbered code without its gutter', () => {
    const texts = blockTexts(document);
    expect(texts).toContain('Hot glass: The lens stays hot.');
    expect(texts).toContain('Tip: Trim daily.');
    expect(texts).toContain('lamp --on\nlamp --off');
    expect(texts).toContain('echo a\necho b');
    expect(texts).toContain('The docstring says see the guide.');
  });
});

describe('the markup check', () => {
  it('accepts markup the source shows as text: escaped, entity-encoded or inside <code>', () => {
    expect(holdsMarkup('the <title> element', 'the \\<title> element')).toBe(false);
    expect(holdsMarkup('place {% raw %} tags', 'place <code>{&#37; raw &#37;}</code> tags')).toBe(false);
    expect(holdsMarkup('use {{ site.title }}', 'use <code>{% raw %}{{ site.title }}{% endraw %}</code>')).toBe(false);
    expect(holdsMarkup('use {{ site.title }}', 'use {{ site.title }} &amp; more')).toBe(true);
    expect(holdsMarkup('a <div> b', 'a <div> b')).toBe(true);
  });
});

describe('the per-file size limit', () => {
  it('skips a file above the limit and names it with the reason; the rest is indexed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'size-'));
    try {
      await writeFile(path.join(dir, 'small.md'), '# Small\n\nA short page.\n');
      await writeFile(path.join(dir, 'huge.md'), `# Huge\n\n${'word '.repeat(400)}\n`);
      const { documents, skipped } = await loadCorpus(dir, { maxFileBytes: 1000 });
      expect(documents.map((each) => each.id)).toEqual(['small']);
      expect(skipped).toEqual([{ file: 'huge.md', reason: expect.stringMatching(/larger than the 0\.0 MB limit per file \(maxFileBytes\)/) }]);
      expect((await loadCorpus(dir)).skipped).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('bounded work on hostile input', () => {
  // How the time grows with the nesting is measured by `npm run bench:hostile`, not here.
  it('leaves containers nested deeper than a few levels, and unclosed ones, as text', () => {
    const document = markdown(`${':::note\n'.repeat(5000)}Deep text.\n\n${'{% hint style="info" %}\n'.repeat(5000)}`);
    expect(blockTexts(document).join(' ')).toContain('Deep text.');
  });
});
