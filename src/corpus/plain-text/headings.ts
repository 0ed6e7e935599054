/**
 * Headings in plain text: numbered headings (`3.2.  Title`, `A.1 Title`, `Appendix B`), ALL-CAPS lines, lines
 * set out to the left of their body, and short title lines standing alone. The numbering must also run in order,
 * so a stray numbered line (`2. The connection…`, an address `2305 Chukar Road`) does not open a section.
 */

/** A heading is a short line: the longest title that fits one 72-column line. */
export const MAX_HEADING_LENGTH = 72;

/**
 * A short title line without numbering or capitals has at most this many words ("Status of this Memo",
 * "Security Considerations"); a longer line standing alone is more likely a sentence fragment.
 */
const MAX_PLAIN_HEADING_WORDS = 6;

/**
 * The next numbered heading may skip this many numbers at one level (a section left out of an excerpt); a larger
 * jump is a number in the text, not a heading.
 */
const MAX_NUMBER_STEP = 2;

/** `Appendix A`, `APPENDIX II - Directory Commands`, `Chapter 3: Title`, `Part IV`. */
const KEYWORD_HEADING = /^(?:appendix|annex|chapter|part)\s+(?:[A-Z]|[IVXLC]+|\d+)\b\.?(?:\s*[-–—:.]?\s+(\S.*))?$/i;
/** `3.`, `3.2.`, `5.3.1`, `A.1`, `B.` with an optional title after white space. */
const NUMBERED_HEADING = /^((?:\d{1,3}|[A-Z])(?:\.\d{1,3})*)(\.?)(?:\s+(\S.*))?$/;

/** Ends like a sentence or a clause, not a title. */
const SENTENCE_END = /[.,;:!]["'”’)\]]*$/;
/** Characters of code, grammar or markup, not of a title. */
const CODE_CHARACTERS = /[<>{}[\]=|\\;]/;

/** A name of code or protocol (`session-bind@openssh.com`, `max_files`, `sshd.conf`): a heading may start with one. */
const IDENTIFIER_FIRST = /^[\p{L}\p{N}-]+(?:[@_.][\p{L}\p{N}-]+)+(?:\s|$)/u;

/**
 * Whether a numbered line's title opens as a heading's does: with a capital, a figure or a quote, with an identifier,
 * or in lower case under a number of two or more parts (`1.1. transport: AES-GCM`): a list numbers its items
 * 1., 2., never 1.1., so only a one-part number needs the capital to tell a heading from a list item.
 */
function startsLikeTitle(title: string, numbers: string[]): boolean {
  return /^[\p{Lu}\p{N}"'(]/u.test(title) || IDENTIFIER_FIRST.test(title) || numbers.length >= 2;
}

export interface NumberedHeading {
  /** The numbering as parts (`['3', '2']`), empty for keyword headings (`Appendix A`). */
  numbers: string[];
  title: string;
}

/** A numbered heading line (not yet checked against the numbering so far). */
export function parseNumberedHeading(line: string): NumberedHeading | undefined {
  const trimmed = line.trim().replace(/\s+/g, ' ');
  if (trimmed.length > MAX_HEADING_LENGTH) return undefined;
  const keyword = KEYWORD_HEADING.exec(trimmed);
  if (keyword) {
    const title = keyword[1] ?? '';
    return SENTENCE_END.test(title) ? undefined : { numbers: [], title: trimmed };
  }
  const match = NUMBERED_HEADING.exec(trimmed);
  if (!match) return undefined;
  const numbers = match[1]!.split('.');
  const title = match[3] ?? '';
  // A letter needs a dot (`A.1`, `B.`), or "A Quick Look" would be numbered "A".
  if (/^[A-Z]$/.test(numbers[0]!) && numbers.length === 1 && match[2] !== '.') return undefined;
  // A bare number is a page number or a figure; with no title, the trailing dot marks it as a heading.
  if (title === '' && match[2] !== '.') return undefined;
  if (title !== '' && (!startsLikeTitle(title, numbers) || SENTENCE_END.test(title) || CODE_CHARACTERS.test(title))) return undefined;
  return { numbers, title: trimmed };
}

const partValue = (part: string) => (/^\d+$/.test(part) ? Number(part) : part.charCodeAt(0) - 64);
const isLetter = (part: string) => /^[A-Z]$/.test(part);

/**
 * Follows a document's section numbering: accepts a heading only where it can come next (a child `.1`, a later
 * sibling at any enclosing level, or the first appendix letter after numbered sections).
 */
export class HeadingNumbering {
  private path: string[] = [];

  /** Whether `numbers` can follow the headings accepted so far; when it can, it becomes the current numbering. */
  accept(numbers: string[]): boolean {
    if (this.fits(numbers)) {
      this.path = numbers;
      return true;
    }
    return false;
  }

  private fits(numbers: string[]): boolean {
    const path = this.path;
    const first = numbers[0]!;
    const rest = numbers.slice(1);
    // A document's numbering starts at 0 or 1 (or at A for appendices), at any depth: `1.`, `1.1`.
    const isStart = (parts: string[]) => parts.every((part) => partValue(part) <= 1);
    if (path.length === 0) return isStart(numbers) || (isLetter(first) && isStart(rest));
    if (isLetter(first) && !isLetter(path[0]!)) return partValue(first) === 1 && isStart(rest);
    if (isLetter(first) !== isLetter(path[0]!)) return false;
    // The same number again (a typo in the source numbering) or a first child.
    if (numbers.join('.') === path.join('.')) return true;
    if (numbers.length === path.length + 1 && path.every((part, i) => part === numbers[i]) && partValue(numbers.at(-1)!) <= 1) return true;
    // A later sibling of the current heading or of one of its ancestors.
    if (numbers.length > path.length) return false;
    const depth = numbers.length - 1;
    const step = partValue(numbers[depth]!) - partValue(path[depth]!);
    return numbers.slice(0, depth).every((part, i) => part === path[i]) && step >= 1 && step <= MAX_NUMBER_STEP;
  }
}

/** Letters in the line are all capitals (at least three of them): `REFERENCES`, `USER NAME (USER)`. */
export function isAllCaps(line: string): boolean {
  const letters = line.match(/\p{L}/gu) ?? [];
  return letters.length >= 3 && letters.every((letter) => letter === letter.toUpperCase() && letter !== letter.toLowerCase());
}

/**
 * A line that may be an unnumbered heading when it stands alone: short, starting with a capital, without sentence
 * punctuation at its end, code characters or an address; either in capitals, or a few words.
 */
export function isPlainHeadingCandidate(line: string, options: { outdented: boolean }): boolean {
  const trimmed = line.trim();
  if (trimmed.length > MAX_HEADING_LENGTH || !/^\p{Lu}/u.test(trimmed) || hasAddress(trimmed)) return false;
  if (/[.,;:!?]["'”’)\]]*$/.test(trimmed) || CODE_CHARACTERS.test(trimmed)) return false;
  // Sentences inside a line (`Done.  Next`) are prose.
  if (/[.!?]\s+\p{Lu}/u.test(trimmed)) return false;
  if (isAllCaps(trimmed) || options.outdented) return true;
  return trimmed.split(/\s+/).length <= MAX_PLAIN_HEADING_WORDS;
}

/**
 * A term of a definition list: short, no sentence or clause punctuation at its end (a line ending in ':' leads in
 * to an example), no sentence inside it, no code characters or addresses; a few words unless in capitals. Unlike a
 * heading it may start in lower case ("byte size").
 */
export function isTermLine(line: string): boolean {
  const text = line.trim();
  if (text.length > MAX_HEADING_LENGTH || !/\p{L}/u.test(text)) return false;
  if (/[.,;:!?]["'”’)\]]*$/.test(text) || /[.!?]\s+\p{Lu}/u.test(text) || CODE_CHARACTERS.test(text) || hasAddress(text)) return false;
  return isAllCaps(text) || text.split(/\s+/).length <= MAX_PLAIN_HEADING_WORDS;
}

/** An e-mail address or a URL: a contact line (`EMail: jo@example.org`) or a link, never a title. */
export function hasAddress(line: string): boolean {
  return /[\w.+-]@[\w-]+\.\w|\w+:\/\/\S/.test(line);
}

/** A title that names a table of contents, or a list of the figures or tables ("List of Figures", or "Tables" alone). */
export function isContentsTitle(title: string): boolean {
  return /^(?:(?:table\s+of\s+)?contents|(?:list\s+of\s+)?(?:figures|tables|illustrations|exhibits))$/i.test(title.trim());
}

/** A title that names the authors' contact details (`9. Author's Address`, `Editors' Addresses`, `Contact`). */
export function isAddressesTitle(title: string): boolean {
  return /^(?:[\dA-Z.]+\s+)?(?:(?:authors?|editors?|contributors?)['’]?s?['’]?\s+(?:contact\s+)?(?:address(?:es)?|details)|contacts?(?:\s+information|\s+details)?)$/i.test(title.trim());
}

/** A title that names a list of references (`6.2. Informative References`, `REFERENCES`, `Bibliography`). */
export function isReferencesTitle(title: string): boolean {
  return /^(?:[\dA-Z.]+\s+)?(?:(?:normative|informative)\s+)?(?:references|bibliography)$/i.test(title.trim());
}
