import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { CleanTextBuilder } from './clean-text-builder.js';
import type { Document } from '../domain/document.js';
import { readFrontMatter } from './markdown/front-matter.js';
import { renderMarkdown } from './markdown/render-markdown.js';
import { rewriteMystSyntax } from './markdown/myst-syntax.js';
import { rewriteSiteSyntax } from './markdown/site-syntax.js';
import { fileNameTitle } from './file-format.js';

/**
 * Markdown (CommonMark + GFM tables, with YAML front matter) to a structured document: ATX/setext headings and raw
 * HTML headings open sections; paragraphs, lists, tables, code and callouts become blocks of the clean text, with
 * inline markup and template syntax reduced to what a reader sees (see `markdown/render-markdown.ts`). Front matter
 * is metadata, never text. Generators' block syntax (admonitions, tabs, MDX lines, template containers) is first
 * rewritten into the CommonMark the page shows (`markdown/site-syntax.ts`), MyST's directives, roles and targets
 * first (`markdown/myst-syntax.ts`). Title: the sidecar's, else the front matter's, else the first `#` heading, else the id;
 * url: the sidecar's, else the front matter's `url`.
 */
export function parseMarkdown(input: { id: string; file: string; text: string; url?: string; title?: string }): Document {
  const tree = fromMarkdown(rewriteSiteSyntax(rewriteMystSyntax(input.text)), {
    extensions: [gfm(), frontmatter(['yaml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
  const yaml = tree.children.find((node) => node.type === 'yaml');
  const metadata = yaml ? readFrontMatter(yaml.value) : {};
  const builder = new CleanTextBuilder();
  renderMarkdown(tree.children, builder);
  const { text, sections, blocks } = builder.finish('Introduction');
  const firstH1 = sections.find((section) => section.level === 1)?.title;
  const title = input.title ?? (metadata.title || firstH1 || fileNameTitle(input.file));
  const url = input.url ?? (metadata.url || undefined);
  const hasMetadata = Object.keys(metadata).length > 0;
  return { id: input.id, title, ...(url ? { url } : {}), file: input.file, text, sections, references: [], blocks, ...(hasMetadata ? { metadata } : {}) };
}
