import { escapeText } from 'entities';
import { JOIN_MARK } from './roff-text.js';

type Container = 'dl' | 'dd' | 'ul' | 'ol' | 'li';

/** A `\c` join with the white space around it: the words on either side run together. */
const JOINED = new RegExp(`\\s*${JOIN_MARK}\\s*`, 'g');

/**
 * Writes a manual page's structure as HTML for the HTML reader: headings, paragraphs, definition lists (an option and
 * what it does), bullet and numbered lists, displays kept as they are typed, and tables. Text arrives already read
 * (escapes resolved) and is escaped here. Levels (`.RS`, a nested `.Bl`) keep a list opened inside an item inside it.
 */
export class ManHtmlWriter {
  private readonly parts: string[] = [];
  private paragraph: string[] = [];
  /** Open containers, innermost last. */
  private readonly open: Container[] = [];
  /** Where each level (`.RS`, `.Bl`) starts in `open`: a paragraph break or a new list closes nothing below it. */
  private readonly levels: number[] = [];
  /** Terms written whose description has not started: stacked terms (`.TP -a` `.TP -b`) share one description. */
  private termsPending = false;
  private pre: string[] | undefined;
  private table: string[][] | undefined;

  heading(level: 2 | 3, text: string): void {
    this.closeAll();
    this.levels.length = 0;
    if (text.trim()) this.parts.push(`<h${level}>${escapeText(text.trim())}</h${level}>`);
  }

  /** A line of running text (joined with the lines before it into one paragraph). */
  text(text: string): void {
    if (this.pre) {
      this.pre.push(text);
      return;
    }
    if (!text.trim()) return;
    this.openDescription();
    this.paragraph.push(text.trim());
  }

  /** Ends the paragraph being written (a blank line, `.sp`, `.br`); an item's description goes on. */
  breakParagraph(): void {
    if (this.paragraph.length === 0) return;
    this.parts.push(`<p>${escapeText(this.paragraph.join(' ').replace(JOINED, ''))}</p>`);
    this.paragraph = [];
  }

  /** A new paragraph at the current level (`.PP`, `.Pp`): the lists opened at this level end. */
  newParagraph(): void {
    this.endPre();
    this.breakParagraph();
    this.closeDownTo(this.levels.at(-1) ?? 0);
  }

  /** Opens a level inside the current item (`.RS`, a `.Bl` inside an `.It`). */
  indent(): void {
    this.endPre();
    this.breakParagraph();
    this.openDescription();
    this.levels.push(this.open.length);
  }

  /** Ends the innermost level (`.RE`, `.El`): everything opened inside it closes. */
  outdent(): void {
    this.endPre();
    this.breakParagraph();
    this.closeDownTo(this.levels.pop() ?? 0);
  }

  /** Ends every list and paragraph: back at the section's margin. */
  closeAll(): void {
    this.endPre();
    this.breakParagraph();
    this.closeDownTo(0);
  }

  /** A term of a definition list (an option, a variable, a key) whose description follows. */
  term(text: string): void {
    this.endPre();
    this.breakParagraph();
    if (!this.termsPending) {
      this.closeToList('dl');
      if (this.open.at(-1) !== 'dl') {
        this.parts.push('<dl>');
        this.open.push('dl');
      }
    }
    this.parts.push(`<dt>${escapeText(text.trim())}</dt>`);
    this.termsPending = true;
  }

  /** An item of a bullet or numbered list. */
  item(kind: 'ul' | 'ol'): void {
    this.endPre();
    this.breakParagraph();
    this.openDescription();
    this.closeToList(kind);
    if (this.open.at(-1) !== kind) {
      this.parts.push(`<${kind}>`);
      this.open.push(kind);
    }
    this.parts.push('<li>');
    this.open.push('li');
  }

  /** Starts a display kept as typed (`.nf`, `.EX`, `.Bd -literal`): code or a laid-out example. */
  startPre(): void {
    this.breakParagraph();
    this.openDescription();
    this.pre ??= [];
  }

  endPre(): void {
    if (!this.pre) return;
    const lines = this.pre;
    this.pre = undefined;
    while (lines.length && !lines.at(-1)!.trim()) lines.pop();
    while (lines.length && !lines[0]!.trim()) lines.shift();
    if (lines.length) this.parts.push(`<pre>${escapeText(lines.join('\n').replaceAll(JOIN_MARK, ''))}</pre>`);
  }

  /** Starts a table (`.TS`, `.Bl -column`); rows follow. */
  startTable(): void {
    this.endPre();
    this.breakParagraph();
    this.openDescription();
    this.table = [];
  }

  row(cells: string[]): void {
    this.table?.push(cells.map((cell) => cell.trim()));
  }

  endTable(): void {
    const rows = this.table;
    this.table = undefined;
    if (!rows?.length) return;
    const body = rows.map((cells) => `<tr>${cells.map((cell) => `<td>${escapeText(cell)}</td>`).join('')}</tr>`).join('');
    this.parts.push(`<table>${body}</table>`);
  }

  html(title: string): string {
    this.endTable();
    this.closeAll();
    return `<!doctype html><html><head><title>${escapeText(title)}</title></head><body><main>${this.parts.join('\n')}</main></body></html>`;
  }

  /** The description of the terms just written starts: its `<dd>` opens. */
  private openDescription(): void {
    if (!this.termsPending) return;
    this.termsPending = false;
    this.parts.push('<dd>');
    this.open.push('dd');
  }

  /** Closes containers inside the innermost list of `kind` at the current level (the item before the next one). */
  private closeToList(kind: 'dl' | 'ul' | 'ol'): void {
    const base = this.levels.at(-1) ?? 0;
    const index = this.open.lastIndexOf(kind);
    if (index < base) {
      this.closeDownTo(base);
      return;
    }
    this.closeDownTo(index + 1);
  }

  private closeDownTo(length: number): void {
    if (this.termsPending && this.open.length > length) {
      // Terms without any description: give them an empty one so the list stays well formed.
      this.parts.push('<dd></dd>');
      this.termsPending = false;
    }
    while (this.open.length > length) this.parts.push(`</${this.open.pop()}>`);
  }
}
