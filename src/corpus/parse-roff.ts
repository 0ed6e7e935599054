import type { Document } from '../domain/document.js';
import { parseHtml } from './parse-html.js';
import { parsePlainText } from './parse-plain-text.js';
import { manToHtml } from './roff/man-to-html.js';
import { mdocToHtml } from './roff/mdoc-to-html.js';
import { controlLine, joinContinuedLines, PREDEFINED_STRINGS, readEscapes, resolveConditionals, splitArguments } from './roff/roff-text.js';

export class UnreadableManPageError extends Error {}

/** A manual page's NAME line longer than this is not a title: the page title is then `name(section)`. */
const MAX_NAME_LINE_TITLE = 150;

/**
 * A Unix manual page in roff (`ls.1`, `tar.5`, `.man`), in either macro package: `man` (`.TH`, `.SH`, `.TP`…) or
 * `mdoc` (`.Dd`, `.Sh`, `.Bl`/`.It`, `.Fl`, `.Ar`…), read as a terminal shows it: sections from `.SH`/`.Sh`, options
 * and their descriptions as definitions, displays (`.nf`, `.EX`, `.Bd -literal`) as code, tbl tables as tables,
 * escapes as characters; then through the HTML reader. Titled by its NAME line ("tar — manipulate tape archives").
 * A file with neither package's macros is read as plain text; a page that only includes another (`.so`) holds no text.
 */
export function parseRoff(input: { id: string; file: string; text: string; url?: string; title?: string }): Document {
  const lines = resolveConditionals(joinContinuedLines(input.text));
  const macros = new Set(lines.map((line) => controlLine(line)?.name).filter((name) => name !== undefined));
  const mdoc = macros.has('Dd') || macros.has('Dt') || macros.has('Sh');
  const man = macros.has('TH') || macros.has('SH');
  // `.so man1/zstd.1`: a link to another page, by which a command's second name gets its page.
  if (!mdoc && !man && macros.has('so')) throw new UnreadableManPageError('the manual page only includes another page (.so)');
  if (!mdoc && !man) return parsePlainText(input);
  // Strings the page defines (`.ds Aq \(aq`), read where `\*(Aq` uses them.
  const strings: Record<string, string> = { ...PREDEFINED_STRINGS };
  for (const line of lines) {
    const control = controlLine(line);
    if (control?.name !== 'ds') continue;
    const [name] = splitArguments(control.rest);
    if (name) strings[name] = readEscapes(control.rest.slice(control.rest.indexOf(name) + name.length).trim().replace(/^"/, ''), strings);
  }
  const page = mdoc ? mdocToHtml(lines, strings) : manToHtml(lines, strings);
  const pageName = page.name ? `${page.name}${page.section ? `(${page.section})` : ''}` : undefined;
  const document = parseHtml({ id: input.id, file: input.file, html: page.html(pageName ?? input.file), ...(input.url ? { url: input.url } : {}) }, { literal: true });
  if (document.text.trim() === '') throw new UnreadableManPageError(macros.has('so') ? 'the manual page only includes another page (.so)' : 'the manual page holds no text');
  const nameSection = document.sections.find((section) => section.title.trim().toUpperCase() === 'NAME');
  const nameLine = nameSection ? document.blocks.find((block) => block.start >= nameSection.start && block.end <= nameSection.end) : undefined;
  const nameText = nameLine ? document.text.slice(nameLine.start, nameLine.end).trim() : '';
  const title = input.title ?? (nameText && nameText.length <= MAX_NAME_LINE_TITLE ? nameText : (pageName ?? document.title));
  return { ...document, title };
}
