import { ManHtmlWriter } from './html-writer.js';
import { controlLine, JOIN_MARK, readEscapes, splitArguments } from './roff-text.js';

/** Font macros whose arguments alternate between two fonts: written without spaces between them (`.BR ls (1)`). */
const ALTERNATING = new Set(['BR', 'BI', 'IB', 'IR', 'RB', 'RI']);
/** Font macros whose arguments are words of one font: written with spaces between them. */
const ONE_FONT = new Set(['B', 'I', 'SM', 'SB', 'CW', 'CR', 'CB', 'CI']);
/** A tag that marks a bullet or dash item of `.IP`, not a term. */
const BULLET_TAG = /^(?:•|-|\*|o|·|–|—)$/;
/**
 * Requests and macros that set type without text, or point to what a reader cannot follow (`.so` includes another
 * page), read as nothing.
 */
const SILENT = new Set(['ad', 'na', 'hy', 'nh', 'ne', 'in', 'ti', 'ft', 'ps', 'vs', 'll', 'ta', 'so', 'PD', 'nr', 'rr', 'rm', 'tr', 'cc', 'c2', 'ec', 'eo', 'mso', 'lf', 'pl', 'bp', 'ns', 'rs', 'UC', 'AT', 'DT', 'ds', 'as', 'do', 'cu', 'ul', 'fam', 'ss', 'cs', 'bd', 'fp', 'lg', 'kern', 'hw', 'hc', 'hla', 'hlm', 'hpf', 'hym', 'hys', 'ev', 'ch', 'wh', 'it', 'em', 'mk', 'rt', 'sy', 'pso', 'nx', 'ex', 'ab', 'tm', 'output', 'ME', 'YS', 'IX']);

/** The man macro package's page (`.TH`, `.SH`, `.TP`…) as HTML, with its name line and section number. */
export function manToHtml(lines: string[], strings: Record<string, string>): { html: (title: string) => string; name?: string; section?: string } {
  const writer = new ManHtmlWriter();
  const read = (text: string) => readEscapes(text, strings);
  let name: string | undefined;
  let section: string | undefined;
  /** `.TP`: the next text line is the term. */
  let termNext = false;
  /** `.SH` with no argument: the next text line is the heading. */
  let headingNext: 2 | 3 | undefined;
  let inPre = false;
  let tableLines: string[] | undefined;
  const writeText = (text: string) => {
    if (headingNext) {
      writer.heading(headingNext, text);
      headingNext = undefined;
    } else if (termNext) {
      writer.term(text);
      termNext = false;
    } else writer.text(text);
  };
  for (const line of lines) {
    if (tableLines && /^\.\s*S[HS]\b/.test(line)) {
      // A table never closed ends at the next section, as groff shows it.
      writeTable(writer, tableLines, read);
      tableLines = undefined;
    }
    if (tableLines) {
      if (/^\.\s*TE\b/.test(line)) {
        writeTable(writer, tableLines, read);
        tableLines = undefined;
      } else tableLines.push(line);
      continue;
    }
    const control = controlLine(line);
    if (!control) {
      // A blank line in filled text ends a paragraph; in a display it is kept.
      if (!line.trim() && !inPre) writer.breakParagraph();
      else writeText(read(line));
      continue;
    }
    const args = splitArguments(control.rest);
    const macro = control.name;
    if (macro === '\\"' || macro.startsWith('\\"') || macro === '') continue;
    if (macro === 'TH') {
      name = read(args[0] ?? '');
      section = read(args[1] ?? '');
    } else if (macro === 'SH' || macro === 'SS') {
      inPre = false;
      const level = macro === 'SH' ? 2 : 3;
      if (args.length) writer.heading(level, read(args.join(' ')));
      else {
        writer.closeAll();
        headingNext = level;
      }
    } else if (macro === 'PP' || macro === 'P' || macro === 'LP' || macro === 'HP') {
      // Back at the margin of the current level: the tagged paragraphs before end (groff resets the indent).
      writer.newParagraph();
    } else if (macro === 'sp') {
      writer.breakParagraph();
    } else if (macro === 'br') {
      if (inPre) writer.text('');
      else writer.breakParagraph();
    } else if (macro === 'TP' || macro === 'TQ') {
      termNext = true;
    } else if (macro === 'IP') {
      // A bullet makes a list item; any other tag, a number included ("0", "1." as the page writes them), is a term.
      const tag = read(args[0] ?? '').trim();
      if (!tag) writer.breakParagraph();
      else if (BULLET_TAG.test(tag)) writer.item('ul');
      else writer.term(tag);
    } else if (macro === 'nf' || macro === 'EX') {
      inPre = true;
      writer.startPre();
    } else if (macro === 'fi' || macro === 'EE') {
      inPre = false;
      writer.endPre();
    } else if (macro === 'RS') {
      writer.indent();
    } else if (macro === 'RE') {
      // Back out of the indented level: what was opened inside it ends.
      writer.outdent();
    } else if (macro === 'TS') {
      tableLines = [];
    } else if (ALTERNATING.has(macro)) {
      writeText(args.map(read).join(''));
    } else if (ONE_FONT.has(macro)) {
      // `.B` alone sets the next line in bold: that line is read as it comes.
      if (args.length) writeText(args.map(read).join(' '));
    } else if (macro === 'UR' || macro === 'MT') {
      continue;
    } else if (macro === 'UE' || macro === 'ME') {
      // `.UE .`: the punctuation after the link's text, written against it.
      if (args.length) writeText(`${JOIN_MARK}${args.map(read).join('')}`);
    } else if (macro === 'MR') {
      // groff 1.23's cross-reference: `.MR ls 1 ,` → "ls(1),".
      writeText(`${read(args[0] ?? '')}(${read(args[1] ?? '')})${read(args[2] ?? '')}`);
    } else if (macro === 'OP') {
      writeText(`[${args.map(read).join(' ')}]`);
    } else if (macro === 'SY') {
      writer.breakParagraph();
      writeText(args.map(read).join(' '));
    } else if (!SILENT.has(macro) && args.length && /^[A-Z][A-Za-z]?$/.test(macro)) {
      // A macro the page defined itself: its arguments are its words.
      writeText(args.map(read).join(' '));
    }
  }
  if (tableLines) writeTable(writer, tableLines, read);
  return { html: (title) => writer.html(title), ...(name ? { name } : {}), ...(section ? { section } : {}) };
}

/**
 * A tbl table (`.TS` … `.TE`): options (a line ending in `;`), format lines (up to one ending in `.`), then rows of
 * cells split by tabs or the `tab(x)` character; `T{ … T}` cells over several lines joined.
 */
export function writeTable(writer: ManHtmlWriter, lines: string[], read: (text: string) => string): void {
  let at = 0;
  let separator = '\t';
  if (lines[0] && /;\s*$/.test(lines[0])) {
    const tab = /tab\s*\((.)\)/.exec(lines[0]);
    if (tab) separator = tab[1]!;
    at = 1;
  }
  while (at < lines.length && !/\.\s*$/.test(lines[at]!)) at++;
  at++;
  writer.startTable();
  let pending: string[] | undefined;
  let block: string[] | undefined;
  let formatLines = false;
  for (const line of lines.slice(at)) {
    if (block) {
      if (line.startsWith('T}')) {
        pending!.push(block.map(read).join(' '));
        block = undefined;
        const rest = line.slice(2);
        const more = rest.split(separator).slice(1);
        pending!.push(...more.map(read));
        if (!rest.trim() || !more.length) {
          writer.row(pending!);
          pending = undefined;
        }
      } else {
        const control = controlLine(line);
        if (!control) block.push(line);
        else if (/^[BI]R?$|^R[BI]$/.test(control.name)) block.push(splitArguments(control.rest).join(control.name.length === 2 ? '' : ' '));
      }
      continue;
    }
    const control = controlLine(line);
    if (control) {
      // `.T&`: new format lines follow, up to one ending in `.`; the rows go on after them.
      if (control.name === 'T&') formatLines = true;
      continue;
    }
    if (formatLines) {
      if (/\.\s*$/.test(line)) formatLines = false;
      continue;
    }
    if (/^[_=]$/.test(line.trim())) continue;
    const cells = line.split(separator);
    if (cells.at(-1)?.startsWith('T{')) {
      pending = (pending ?? []).concat(cells.slice(0, -1).map(read));
      block = cells.at(-1)!.slice(2).trim() ? [cells.at(-1)!.slice(2)] : [];
      continue;
    }
    writer.row(cells.map(read));
  }
  writer.endTable();
}
