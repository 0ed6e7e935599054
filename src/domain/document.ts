import type { Span } from './span.js';

/** A heading and the span of text it governs (`start` at the heading line, `end` before the next peer heading). */
export interface Section extends Span {
  title: string;
  /** 1 for `Heading[edit]` / `#` / `<h1>` / "3." headings, 2 for sub-headings, and so on. 0 for the lead and infobox. */
  level: number;
  /** Where the body starts (after the heading line). */
  bodyStart: number;
}

export interface Reference {
  n: number;
  text: string;
}

/**
 * What a block is, which decides how it is chunked and quoted:
 * - `paragraph`: prose, quoted sentence by sentence;
 * - `list`: a lead-in sentence (when the text has one, "… the following tasks:") with its items, one per line;
 * - `table`: one line per row, each cell read with its column header ("Code: 301; Meaning: Moved Permanently");
 * - `definition`: one line per term with its description ("Term: description");
 * - `code`: code, a command, configuration or a terminal transcript, verbatim; never quoted as a prose sentence;
 * - `infobox`: a Wikipedia infobox field ("Headquarters: Geneva");
 * - `note`: footnotes set apart at a page's foot, one per line: the source of a claim or an aside to it; one that
 *   cites a source is quoted only when a question asks for one, never as the claim's answer.
 */
export type BlockKind = 'paragraph' | 'list' | 'table' | 'definition' | 'code' | 'infobox' | 'note';

/** A unit of answer material. Chunks are made of whole blocks (or whole units of a long block). */
export interface Block extends Span {
  /** Index into `sections` of the innermost section holding the block. */
  section: number;
  kind: BlockKind;
  /**
   * The quotable units of a list, table or definition block (document offsets, inside the block): a list's lead-in
   * and each item, a table's rows, each term with its description. Absent for paragraphs (their units are their
   * sentences), code (quoted whole) and infobox fields (one unit).
   */
  units?: Span[];
}

/** A page of a paged source (a PDF): the span of the clean text its text landed in. */
export interface Page extends Span {
  /** 1-based, as the reader's viewer counts. */
  number: number;
}

/** A document as indexed: its text is the truth that every offset points into. */
export interface Document {
  id: string;
  title: string;
  url?: string;
  /** Path relative to the corpus folder. */
  file: string;
  /**
   * The clean text: what the source viewer shows and every citation slices. No markup, template tags or page
   * furniture; headings on lines of their own, blocks separated by blank lines.
   */
  text: string;
  sections: Section[];
  references: Reference[];
  /** Answer material only: no preamble, headings, reference lists or navigation. */
  blocks: Block[];
  /** For a paged source (a PDF): every page, in order, each the span of the text read from it (empty for a page
   * without text). A citation's page is the page its start falls in. */
  pages?: Page[];
  /** Metadata the file declares about itself (front matter, `<meta>`), never indexed as text. */
  metadata?: Record<string, string>;
}

/** The page `offset` falls in, for a paged source; undefined for other documents. */
export function pageAt(document: Pick<Document, 'pages'>, offset: number): number | undefined {
  const pages = document.pages;
  if (!pages || pages.length === 0) return undefined;
  let found = pages[0]!.number;
  for (const page of pages) {
    if (page.start > offset) break;
    if (page.end > page.start || page.start === offset) found = page.number;
  }
  return found;
}

/** Title path of the section at `index`, e.g. "Activities › Counter-Trafficking" (every enclosing heading). */
export function sectionPath(document: Document, index: number): string {
  const section = document.sections[index];
  if (!section) return document.title;
  const titles = [section.title];
  let level = section.level;
  for (let i = index - 1; i >= 0 && level > 1; i -= 1) {
    const parent = document.sections[i];
    if (parent && parent.level > 0 && parent.level < level && parent.start <= section.start && parent.end >= section.end) {
      titles.unshift(parent.title);
      level = parent.level;
    }
  }
  return titles.join(' › ');
}
