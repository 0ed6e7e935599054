import type { Span } from '../text/sentences.js';
import type { Block, Section } from '../domain/document.js';

/** Collapses whitespace runs (line breaks included) to one space: prose read from any format. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A list's lead-in: a paragraph that announces what follows ("… can perform the following tasks:"). */
const LEAD_IN = /[:：]\s*$/;

/**
 * Writes a document's clean text block by block and records, as it goes, the exact offsets of every section and
 * block: the one place where the rendering conventions live, so every parser (Markdown, HTML, plain text) produces
 * the same shape. Headings stand on lines of their own; blocks are separated by a blank line; a list's items, a
 * table's rows and a definition list's entries each take one line, so each is a quotable unit on its own.
 */
export class CleanTextBuilder {
  private text = '';
  private readonly sections: Section[] = [];
  private readonly blocks: Block[] = [];

  /** Opens a section: the heading's text on a line of its own. Empty headings are ignored. */
  heading(title: string, level: number): void {
    const clean = collapseWhitespace(title);
    if (!clean) return;
    const start = this.append(clean);
    this.sections.push({ title: clean, level: Math.max(1, level), start, bodyStart: start + clean.length, end: start + clean.length });
  }

  /** Prose, whitespace collapsed. Returns where it starts in the text (undefined when it was empty). */
  paragraph(text: string): number | undefined {
    const clean = collapseWhitespace(text);
    if (!clean) return undefined;
    const start = this.append(clean);
    this.blocks.push({ start, end: start + clean.length, section: this.currentSection(start), kind: 'paragraph' });
    return start;
  }

  /** The block written last (a list's or table's units say where each item or row landed). */
  lastBlock(): Block | undefined {
    return this.blocks.at(-1);
  }

  /** Where the next block will start: after a blank line, or at 0 in an empty text. */
  get nextStart(): number {
    return this.text === '' ? 0 : this.text.length + 2;
  }

  /**
   * A list: one item a line ("• item", or "1. item" when ordered; or each item with its own `markers` entry, as a page
   * shows it: "(a)", "iv)"). When the block just written is a paragraph that ends in a colon, it is the list's lead-in
   * and joins the list as its first unit.
   */
  list(items: string[], ordered = false, firstNumber = 1, markers?: readonly string[]): void {
    const entries = items
      .map((item, i) => ({ item: collapseWhitespace(item), marker: markers?.[i] }))
      .filter(({ item }) => item !== '')
      .map(({ item, marker }, i) => ({ item, marker: marker ?? (ordered ? `${firstNumber + i}.` : '•') }));
    if (entries.length === 0) return;
    const previous = this.blocks.at(-1);
    const leadIn = previous && previous.kind === 'paragraph' && previous.end === this.text.length && LEAD_IN.test(this.text.slice(previous.start, previous.end)) ? previous : undefined;
    const lines = entries.map(({ item, marker }) => `${marker} ${item}`);
    const start = this.append(lines.join('\n'));
    const units: Span[] = [];
    if (leadIn) {
      this.blocks.pop();
      units.push({ start: leadIn.start, end: leadIn.end });
    }
    let at = start;
    for (const line of lines) {
      // The unit is the item's own text, without its bullet or number.
      const marker = line.indexOf(' ') + 1;
      units.push({ start: at + marker, end: at + line.length });
      at += line.length + 1;
    }
    const blockStart = leadIn?.start ?? start;
    this.blocks.push({ start: blockStart, end: this.text.length, section: this.currentSection(blockStart), kind: 'list', units });
  }

  /** A table: one line per body row, each cell read with its column header ("Status: 301; Meaning: Moved"). */
  table(headers: string[], rows: string[][]): void {
    const head = headers.map(collapseWhitespace);
    const lines = rows
      .map((row) =>
        row
          // A phrase's closing ";" or "," would double the separator between cells (";;"); a token keeps its own
          // ("&lt;").
          .map((raw) => {
            const cell = collapseWhitespace(raw);
            return cell.includes(' ') ? cell.replace(/[;,]$/, '') : cell;
          })
          .map((cell, i) => (cell === '' ? '' : head[i] && head[i] !== cell ? `${head[i]}: ${cell}` : cell))
          .filter((cell) => cell !== '')
          .join('; '),
      )
      .filter((line) => line !== '');
    this.lines(lines, 'table');
  }

  /** A definition list: one line per term with its description ("Term: description"). */
  definitions(entries: { term: string; description: string }[]): void {
    const lines = entries
      .map(({ term, description }) => {
        const t = collapseWhitespace(term).replace(/[:：]$/, '');
        const d = collapseWhitespace(description);
        return t && d ? `${t}: ${d}` : t || d;
      })
      .filter((line) => line !== '');
    this.lines(lines, 'definition');
  }

  /** Footnotes, one per line ("[8] Joint Task Force…, March 2011."); each unit is the note without its mark. */
  notes(notes: string[]): void {
    this.lines(
      notes.map(collapseWhitespace).filter((note) => note !== ''),
      'note',
      (line) => /^(?:\[\d{1,3}\]|\d{1,3}|[*†‡§])\s*/.exec(line)?.[0].length ?? 0,
    );
  }

  /** Code, a command or a transcript, verbatim (trailing spaces and blank edge lines dropped). */
  code(text: string): void {
    const clean = text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
    if (!clean.trim()) return;
    const start = this.append(clean);
    this.blocks.push({ start, end: start + clean.length, section: this.currentSection(start), kind: 'code' });
  }

  /** The text, sections (closed: each ends where the next of its level or above starts) and blocks. A lead
   * before the first heading becomes a level-0 section named `leadTitle`. */
  finish(leadTitle: string): { text: string; sections: Section[]; blocks: Block[] } {
    const sections = [...this.sections];
    const firstBlock = this.blocks[0];
    if (firstBlock && (sections.length === 0 || firstBlock.start < sections[0]!.start)) {
      sections.unshift({ title: leadTitle, level: 0, start: 0, bodyStart: 0, end: 0 });
      for (const block of this.blocks) block.section = sections.findLastIndex((section) => section.start <= block.start);
    }
    closeSections(sections, this.text);
    return { text: this.text, sections, blocks: this.blocks };
  }

  /** Lines written as one block, a unit each; `lead` says how many characters a unit leaves out at the line's start
   * (a footnote's mark). */
  private lines(lines: string[], kind: 'table' | 'definition' | 'note', lead: (line: string) => number = () => 0): void {
    if (lines.length === 0) return;
    const start = this.append(lines.join('\n'));
    const units: Span[] = [];
    let at = start;
    for (const line of lines) {
      const skip = lead(line);
      units.push({ start: at + (skip < line.length ? skip : 0), end: at + line.length });
      at += line.length + 1;
    }
    this.blocks.push({ start, end: this.text.length, section: this.currentSection(start), kind, units });
  }

  /** Appends a block of text after a blank line; returns where it starts. */
  private append(block: string): number {
    if (this.text !== '') this.text += '\n\n';
    const start = this.text.length;
    this.text += block;
    return start;
  }

  /** Whether any answer material has been written. */
  hasBlocks(): boolean {
    return this.blocks.length > 0;
  }

  /** The section a block written now belongs to: sections are written in order, so the last one. */
  private currentSection(start: number): number {
    const last = this.sections.length - 1;
    return last >= 0 && this.sections[last]!.start <= start ? last : -1;
  }
}

/** Each section ends where the next section of the same or a higher level starts (trailing whitespace trimmed). */
export function closeSections(sections: Section[], text: string): void {
  for (let i = 0; i < sections.length; i += 1) {
    const section = sections[i]!;
    let end = text.length;
    for (let j = i + 1; j < sections.length; j += 1) {
      const next = sections[j]!;
      if (next.level <= section.level || (section.level === 0 && next.level >= 0)) {
        end = next.start;
        break;
      }
    }
    while (end > section.bodyStart && /\s/.test(text[end - 1] ?? '')) end -= 1;
    section.end = Math.max(section.bodyStart, end);
  }
}
