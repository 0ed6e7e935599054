import { CleanTextBuilder } from './clean-text-builder.js';
import type { Document, Reference } from '../domain/document.js';
import { spanWithin } from '../domain/span.js';
import { readDefinitionRun, type DefinitionEntry } from './plain-text/definitions.js';
import { isCentred, pageWidthOf, readFrontMatter } from './plain-text/front-matter.js';
import { HeadingNumbering, isAddressesTitle, isAllCaps, isContentsTitle, isPlainHeadingCandidate, isReferencesTitle, parseNumberedHeading } from './plain-text/headings.js';
import { removePageFurniture } from './plain-text/page-furniture.js';
import {
  blockIndent,
  isBracketedNote,
  isColumnar,
  endsWithLeadIn,
  isDisplayAfterLeadIn,
  isListOnItsOwn,
  isPreformatted,
  isTableOfContents,
  joinWrapped,
  readList,
  readRuledTable,
  splitBlocks,
  verbatim,
  type ListBlock,
  type TextBlock,
} from './plain-text/text-blocks.js';
import { fileNameTitle } from './file-format.js';

export interface PlainTextInput {
  id: string;
  file: string;
  text: string;
  url?: string;
  /** A title from a sidecar; wins over one read from the text. */
  title?: string;
}

/** Where the heading that governs the current text sits: its level and indentation. */
interface OpenHeading {
  level: number;
  indent: number;
}

/**
 * Writes blocks to the builder, holding back a list (consecutive list blocks with the same marker and margin are
 * one list, and a deeper paragraph right after an item continues it) and preformatted runs (a figure split by
 * blank lines stays one code block).
 */
class BlockWriter {
  private list: ListBlock | undefined;
  private code: TextBlock[] = [];
  private definitionEntries: DefinitionEntry[] = [];

  constructor(private readonly builder: CleanTextBuilder) {}

  /** Whether `list` continues the list being held (same marker kind and margin). */
  continuesList(list: ListBlock): boolean {
    return this.list !== undefined && this.list.kind === list.kind && this.list.indent === list.indent;
  }

  addList(list: ListBlock): void {
    // Keywords each standing over their description are terms: a definition list, not items.
    const terms = list.kind === 'keyword' ? list.items.flatMap((item) => (item.term ? [item.term] : [])) : [];
    if (terms.length > 0 && terms.length === list.items.length) {
      this.definitions(terms);
      return;
    }
    if (this.code.length > 0 || this.definitionEntries.length > 0) this.flush();
    if (this.list && this.continuesList(list)) for (const item of list.items) this.list.items.push(item);
    else {
      this.flush();
      this.list = { ...list, items: [...list.items] };
    }
  }

  /** Adds a paragraph, or continues the held list's last item when it is indented under it. */
  addParagraph(block: TextBlock): void {
    const text = joinWrapped(block.lines.map((line) => line.text));
    if (this.continuesItem(block)) {
      const last = this.list!.items.at(-1)!;
      last.text = `${last.text} ${text}`;
      return;
    }
    this.flush();
    this.builder.paragraph(text);
  }

  /** Whether `block` is indented under the held list's last item, and so continues it. */
  continuesItem(block: TextBlock): boolean {
    return this.list !== undefined && this.list.items.length > 0 && blockIndent(block) > this.list.indent;
  }

  addCode(block: TextBlock): void {
    if (this.list || this.definitionEntries.length > 0) this.flush();
    this.code.push(block);
  }

  heading(title: string, level: number): void {
    this.flush();
    this.builder.heading(title, level);
  }

  /** Adds terms with their descriptions; consecutive runs (blank-separated blocks of terms) make one list. */
  definitions(entries: DefinitionEntry[]): void {
    if (this.list || this.code.length > 0) this.flush();
    for (const entry of entries) this.definitionEntries.push(entry);
  }

  table(headers: string[], rows: string[][]): void {
    this.flush();
    this.builder.table(headers, rows);
  }

  flush(): void {
    if (this.definitionEntries.length > 0) {
      this.builder.definitions(this.definitionEntries);
      this.definitionEntries = [];
    }
    if (this.list) {
      const { items, kind } = this.list;
      const numbers = items.map((item) => item.number);
      const first = numbers[0];
      // Numbers that count up by one from the first are the list's own numbering: the builder writes it again.
      const counted = kind === 'number' && first !== undefined && numbers.every((n, i) => n === first + i);
      if (counted) this.builder.list(items.map((item) => item.text.replace(/^\(?\d+[.)]\s+/, '')), true, first);
      else this.builder.list(items.map((item) => item.text));
      this.list = undefined;
    }
    if (this.code.length > 0) {
      this.builder.code(verbatim(this.code));
      this.code = [];
    }
  }
}

/**
 * Plain text (reports, RFCs, READMEs, manuals, books) to the structured document model, by the general structure of
 * plain-text documents: page furniture dropped and page breaks closed up; a memo header and a title read as
 * metadata; numbered, capitalised, centred, outdented and underlined headings as sections; terms over indented
 * descriptions as definition lists; bulleted, enumerated and code/keyword lists as lists; tables with a ruled
 * header row as tables; diagrams, grammars, other aligned tables and transcripts as code; the rest as paragraphs
 * with their wrapped lines joined. A table of contents and bracketed editorial notes are dropped; a references
 * section fills `references`; the authors' addresses stay in the text but are no answer material.
 */
export function parsePlainText(input: PlainTextInput): Document {
  const lines = removePageFurniture(input.text);
  const front = readFrontMatter(lines);
  const blocks = splitBlocks(lines.slice(front.bodyStart));
  const builder = new CleanTextBuilder();
  const writer = new BlockWriter(builder);
  const numbering = new HeadingNumbering();
  const margin = blocks.reduce((least, block) => Math.min(least, blockIndent(block)), Infinity);
  const pageWidth = pageWidthOf(lines);
  let numbered: OpenHeading | undefined;
  let inContents = false;
  // Blocks before this index belong to a run of terms read as sub-headings (their descriptions are passages).
  let subHeadingsUntil = 0;

  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i]!;
    const previous = blocks[i - 1];
    const next = blocks[i + 1];
    const indent = blockIndent(block);
    const text = block.lines[0]!.text;
    const single = block.lines.length === 1;
    // A line after a lead-in ("… as follows:") is content, never a heading.
    const afterLeadIn = previous !== undefined && endsWithLeadIn(previous);

    if (isTableOfContents(block) || isBracketedNote(block)) continue;
    if (inContents) {
      inContents = false;
      // Entries of a contents list without page numbers: several short lines, none a sentence.
      const entries = block.lines.every((line) => parseNumberedHeading(line.text) !== undefined || isPlainHeadingCandidate(line.text, { outdented: false }));
      if (!single && entries) continue;
    }

    if (single && isContentsTitle(text)) {
      writer.flush();
      inContents = true;
      continue;
    }

    // After a lead-in, only a numbering already under way makes a heading ("Steps:" then "1. Install" is a list).
    const numberedHeading = single && (!afterLeadIn || numbered) ? parseNumberedHeading(text) : undefined;
    if (numberedHeading && (numberedHeading.numbers.length === 0 || numbering.accept(numberedHeading.numbers))) {
      const level = Math.max(1, numberedHeading.numbers.length);
      numbered = { level, indent };
      writer.heading(numberedHeading.title, level);
      continue;
    }

    if (block.underline) {
      writer.heading(text, block.underline);
      continue;
    }

    const definitions = i >= subHeadingsUntil ? readDefinitionRun(blocks, i, margin) : undefined;
    if (definitions && definitions.entries.length === 0) subHeadingsUntil = definitions.end;
    else if (definitions) {
      writer.definitions(definitions.entries);
      i = definitions.end - 1;
      continue;
    }

    const list = readList(block);
    const nextList = next ? readList(next) : undefined;
    if (list && (isListOnItsOwn(list, block) || writer.continuesList(list) || (nextList && nextList.kind === list.kind && nextList.indent === list.indent))) {
      writer.addList(list);
      continue;
    }

    // A capitalised line centred over the text is a heading however the text under it is indented.
    if (single && next && isAllCaps(text) && !isColumnar(text) && isCentred(' '.repeat(indent) + text, pageWidth) && indent > blockIndent(next)) {
      writer.heading(text, 1);
      continue;
    }

    const nextIndent = next ? blockIndent(next) : -1;
    if (single && !afterLeadIn && !isColumnar(text) && next && nextIndent >= indent && !sentenceRunsOn(blocks, i) && isPlainHeadingCandidate(text, { outdented: nextIndent > indent })) {
      // Level: under the numbered heading it is indented beneath, else at the top when it sits at the margin.
      let level = indent > margin ? 2 : 1;
      if (numbered && indent > numbered.indent) level = numbered.level + 1;
      else if (numbered && indent > margin) level = numbered.level;
      writer.heading(text, level);
      continue;
    }

    const table = readRuledTable(block);
    if (table) writer.table(table.headers, table.rows);
    else if (isPreformatted(block) || (isDisplayAfterLeadIn(block, previous) && !writer.continuesItem(block))) writer.addCode(block);
    else writer.addParagraph(block);
  }
  writer.flush();
  // A file that is nothing but its title line ("hello", a one-line note) keeps it as its text: never index nothing.
  if (!builder.hasBlocks() && front.title) builder.paragraph(front.title);

  const title = input.title ?? front.title ?? fileNameTitle(input.file);
  const { text, sections, blocks: written } = builder.finish(title);
  const { references, answerBlocks } = takeReferences(text, sections, written);
  return {
    id: input.id,
    title,
    ...(input.url ? { url: input.url } : {}),
    file: input.file,
    text,
    sections,
    references,
    blocks: answerBlocks,
    ...(Object.keys(front.metadata).length > 0 ? { metadata: front.metadata } : {}),
  };
}

/**
 * Whether the sentence begun by `blocks[i]` goes on after it: the next block, or the one after a displayed example
 * (set deeper, or laid out: "A command is thus of the general form" / example / "where h1 is …"), opens in lower
 * case. Such a line is a sentence cut by a display, not a heading.
 */
function sentenceRunsOn(blocks: TextBlock[], i: number): boolean {
  const opensLower = (block: TextBlock | undefined) => block !== undefined && /^\p{Ll}/u.test(block.lines[0]!.text);
  const next = blocks[i + 1];
  if (opensLower(next)) return true;
  const isDisplay = next !== undefined && (isPreformatted(next) || blockIndent(next) > blockIndent(blocks[i]!));
  return isDisplay && opensLower(blocks[i + 2]);
}

/**
 * The entries of references sections become `references` (numbered `[n]` entries keep their number, others are
 * counted), and their blocks leave the answer material; the text keeps them so the viewer still shows them. The
 * authors' addresses leave the answer material too (names, streets and e-mail addresses answer no question about
 * the document's subject), and stay in the text.
 */
function takeReferences(text: string, sections: Document['sections'], blocks: Document['blocks']): { references: Reference[]; answerBlocks: Document['blocks'] } {
  const references: Reference[] = [];
  const answerBlocks: Document['blocks'] = [];
  const within = (index: number, isTitle: (title: string) => boolean) => {
    const section = sections[index];
    if (!section) return false;
    return sections.some((candidate) => isTitle(candidate.title) && spanWithin(section, candidate));
  };
  const inReferences = (index: number) => within(index, isReferencesTitle);
  for (const block of blocks) {
    if (within(block.section, isAddressesTitle)) continue;
    if (!inReferences(block.section)) {
      answerBlocks.push(block);
      continue;
    }
    const spans = (block.kind === 'list' || block.kind === 'definition') && block.units ? block.units : [block];
    for (const span of spans) {
      const entry = text.slice(span.start, span.end);
      const cited = /^\[(\d+)\]\s*/.exec(entry);
      references.push({ n: cited ? Number(cited[1]) : references.length + 1, text: entry.replace(/^\[\d+\]\s*/, '') });
    }
  }
  return { references, answerBlocks };
}
