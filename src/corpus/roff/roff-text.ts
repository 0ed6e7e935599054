/**
 * The text layer of roff, the typesetting language of Unix manual pages: escape sequences to characters, a request
 * line's arguments, comments and conditionals. No npm package parses roff (searched the registry for troff, roff, man
 * page, mdoc and groff: only writers of it), so the manual-page readers stand on this small interpreter of the part
 * of it pages use; it reads text, and drops what only sets type (fonts, sizes, motions, colours).
 */

/** groff's named characters that pages write: `\(em`, `\[bu]`. An unknown name reads as nothing. */
const NAMED_CHARACTERS: Record<string, string> = {
  em: '—',
  en: '–',
  hy: '-',
  mi: '-',
  aq: "'",
  dq: '"',
  lq: '“',
  rq: '”',
  oq: '‘',
  cq: '’',
  bu: '•',
  co: '©',
  rg: '®',
  tm: '™',
  mu: '×',
  di: '÷',
  '+-': '±',
  '<=': '≤',
  '>=': '≥',
  '!=': '≠',
  '->': '→',
  '<-': '←',
  '<>': '↔',
  '==': '≡',
  ti: '~',
  ha: '^',
  ga: '`',
  rs: '\\',
  sl: '/',
  ba: '|',
  br: '|',
  ul: '_',
  sc: '§',
  de: '°',
  ct: '¢',
  Eu: '€',
  eu: '€',
  Po: '£',
  Ye: '¥',
  ss: 'ß',
  'a"': '˝',
  "'e": 'é',
  "'a": 'á',
  '`e': 'è',
  ':u': 'ü',
  ':o': 'ö',
  ':a': 'ä',
  ',c': 'ç',
  '~n': 'ñ',
  Lq: '„',
  Fo: '«',
  Fc: '»',
  fo: '‹',
  fc: '›',
  OK: '✓',
  ua: '↑',
  da: '↓',
  or: '|',
  dg: '†',
  dd: '‡',
  sh: '#',
  at: '@',
  Do: '$',
  '12': '½',
  '14': '¼',
  '34': '¾',
  '*a': 'α',
  '*b': 'β',
  '*l': 'λ',
  '*m': 'μ',
  '*p': 'π',
  '*s': 'σ',
  '**': '∗',
  pl: '+',
  eq: '=',
  lh: '☜',
  rh: '☞',
  es: '∅',
  if: '∞',
  sr: '√',
  ap: '~',
  '~~': '≈',
  '|=': '≃',
  's1': '¹',
  's2': '²',
  's3': '³',
};

/** Marks where `\c` joins a line to the next without a space: a private-use character no page writes. */
export const JOIN_MARK = '\uE000';

/** The predefined strings of the man and mdoc macro packages (`\*(lq`, `\*R`), before a page's own `.ds`. */
export const PREDEFINED_STRINGS: Record<string, string> = {
  R: '®',
  S: '',
  Tm: '™',
  lq: '“',
  rq: '”',
  Lq: '“',
  Rq: '”',
  Aq: "'",
  q: '"',
  Pi: 'π',
  Ne: '≠',
  Le: '≤',
  Ge: '≥',
  Lt: '<',
  Gt: '>',
  Pm: '±',
  If: '∞',
  Na: 'NaN',
  Ba: '|',
};

/** A named character: groff's names, `uXXXX` code points and `charNN` (a code in decimal). */
function namedCharacter(name: string): string {
  const known = NAMED_CHARACTERS[name];
  if (known !== undefined) return known;
  if (/^u[0-9A-F]{4,6}$/.test(name)) return String.fromCodePoint(parseInt(name.slice(1), 16));
  if (/^char\d{1,3}$/.test(name)) return String.fromCharCode(Number(name.slice(4)));
  return '';
}

/** An escape's name: one character, `(xx`, or `[name]`. Returns the name and where the text goes on. */
function escapeName(text: string, at: number): [string, number] {
  if (text[at] === '(') return [text.slice(at + 1, at + 3), at + 3];
  if (text[at] === '[') {
    const close = text.indexOf(']', at);
    return close < 0 ? [text.slice(at + 1), text.length] : [text.slice(at + 1, close), close + 1];
  }
  return [text[at] ?? '', at + 1];
}

/** The end of an escape's delimited argument (`\h'1i'`, `\w"text"`), for escapes whose argument is dropped. */
function delimitedEnd(text: string, at: number): number {
  const delimiter = text[at];
  if (delimiter === undefined) return at;
  const close = text.indexOf(delimiter, at + 1);
  return close < 0 ? text.length : close + 1;
}

/**
 * A line's text with its escapes read: characters for `\-`, `\(em`, `\[bu]`, `\e`, defined strings for `\*x`, nothing
 * for font, size, colour and motion escapes, a comment (`\"`) cut off. `\c` (join with the next line) is kept as
 * {@link JOIN_MARK} for the writer to act on.
 */
export function readEscapes(text: string, strings: Record<string, string>): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const slash = text.indexOf('\\', at);
    if (slash < 0) {
      out += text.slice(at);
      break;
    }
    out += text.slice(at, slash);
    const kind = text[slash + 1];
    at = slash + 2;
    switch (kind) {
      case undefined:
        break;
      case '"':
      case '#':
        return out;
      case 'e':
      case '\\':
        out += '\\';
        break;
      case '-':
        out += '-';
        break;
      case '.':
        out += '.';
        break;
      case "'":
        out += '´';
        break;
      case '`':
        out += '`';
        break;
      case ' ':
      case '~':
      case '0':
        out += ' ';
        break;
      case '&':
      case '|':
      case '^':
      case '%':
      case ':':
      case ')':
      case '/':
      case ',':
      case 'd':
      case 'u':
      case 'p':
      case 'r':
      case 'a':
      case 't':
        break;
      case 'c':
        out += JOIN_MARK;
        break;
      case '(':
      case '[': {
        const [name, next] = escapeName(text, slash + 1);
        out += namedCharacter(name);
        at = next;
        break;
      }
      case '*': {
        const [name, next] = escapeName(text, slash + 2);
        out += strings[name] ?? '';
        at = next;
        break;
      }
      case 'f':
      case 'F':
      case 'n':
      case 'g':
      case 'k':
      case 'm':
      case 'M':
      case 'V':
      case 'Y': {
        at = escapeName(text, slash + 2)[1];
        break;
      }
      case 's': {
        // \s+2, \s-1, \s0, \s(12, \s[12], \s'12'
        const rest = text.slice(slash + 2);
        const size = /^(?:[+-]?\d{1,2}|[+-]?\(\d\d|[+-]?\[[^\]]*\]|'[^']*')/.exec(rest);
        at = slash + 2 + (size ? size[0].length : 0);
        break;
      }
      case 'N': {
        const end = delimitedEnd(text, slash + 2);
        const code = Number(text.slice(slash + 3, end - 1));
        if (Number.isInteger(code) && code > 0 && code < 0x110000) out += String.fromCodePoint(code);
        at = end;
        break;
      }
      case 'h':
      case 'v':
      case 'w':
      case 'l':
      case 'L':
      case 'o':
      case 'X':
      case 'D':
      case 'b':
      case 'x':
      case 'Z':
      case 'A':
      case 'B':
      case 'C':
      case 'R':
      case 'S':
        at = delimitedEnd(text, slash + 2);
        break;
      case 'z':
        break;
      default:
        out += kind;
    }
  }
  return out;
}

/**
 * A request or macro line's arguments, as roff splits them: at spaces, a double-quoted argument kept whole (`""`
 * inside it a quote), escapes not yet read.
 */
export function splitArguments(text: string): string[] {
  const args: string[] = [];
  let at = 0;
  while (at < text.length) {
    while (text[at] === ' ' || text[at] === '\t') at++;
    if (at >= text.length) break;
    if (text[at] === '"') {
      let value = '';
      at++;
      while (at < text.length) {
        if (text[at] === '"') {
          if (text[at + 1] === '"') {
            value += '"';
            at += 2;
            continue;
          }
          at++;
          break;
        }
        if (text[at] === '\\' && at + 1 < text.length) {
          value += text.slice(at, at + 2);
          at += 2;
          continue;
        }
        value += text[at];
        at++;
      }
      args.push(value);
      continue;
    }
    let end = at;
    while (end < text.length && text[end] !== ' ' && text[end] !== '\t') end += text[end] === '\\' ? 2 : 1;
    args.push(text.slice(at, end));
    at = end;
  }
  return args;
}

/** A control line (`.SH NAME`, `'br`): its name and the rest, or undefined for a text line. */
export function controlLine(line: string): { name: string; rest: string } | undefined {
  if (line[0] !== '.' && line[0] !== "'") return undefined;
  // A name ends at white space or an escape (`.el\{\`, a pod2man page's conditional block).
  const match = /^[.'][ \t]*([^\s\\]*)[ \t]*(.*)$/.exec(line);
  return match ? { name: match[1]!, rest: match[2]! } : undefined;
}

/**
 * Whether a conditional's test holds, for the tests pages use to tell the two formatters apart: the page is read as
 * a terminal shows it (`n` holds, `t` does not), by groff (`\n(.g` holds); any other test is taken as false.
 */
function testHolds(test: string): boolean {
  const negated = test.startsWith('!');
  const body = negated ? test.slice(1) : test;
  let holds = false;
  if (body === 'n' || /^\\n(?:\(\.g|\[\.g\])$/.test(body)) holds = true;
  else if (body === 't' || body === 'e' || body === 'o' || body === 'v') holds = false;
  return negated ? !holds : holds;
}

/** Conditionals nested deeper than this on one line (`.if n .if n …`) are taken as false: no page needs more, and
 * it bounds the recursion on a malformed or hostile file. */
const MAX_CONDITIONAL_DEPTH = 20;

/** Lines ending in a backslash continue on the next: joined first, as roff reads them. */
export function joinContinuedLines(text: string): string[] {
  return text.replace(/(?<!\\)((?:\\\\)*)\\\n/g, '$1').split('\n');
}

/**
 * Lines with roff's conditionals (`.if`, `.ie`/`.el`, their `\{ … \}` blocks), macro definitions (`.de … ..`) and
 * ignored blocks (`.ig … ..`) resolved: what remains is the page's text and the macros it calls.
 */
export function resolveConditionals(lines: string[], depth = 0): string[] {
  const out: string[] = [];
  let lastIe = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const control = controlLine(line);
    if (control && (control.name === 'de' || control.name === 'de1' || control.name === 'am' || control.name === 'ig')) {
      const end = control.name === 'ig' && control.rest.trim() ? `.${control.rest.trim()}` : '..';
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== end) i++;
      i++;
      continue;
    }
    if (!control || !['if', 'ie', 'el'].includes(control.name)) {
      out.push(line);
      continue;
    }
    let rest = control.rest;
    let holds: boolean;
    if (control.name === 'el') holds = !lastIe;
    else {
      const match = /^(\S+)\s*(.*)$/.exec(rest);
      holds = match ? testHolds(match[1]!) : false;
      rest = match ? match[2]! : '';
      if (control.name === 'ie') lastIe = holds;
    }
    // The body: the rest of the line, or a `\{ … \}` block over several lines.
    const body: string[] = [];
    if (rest.startsWith('\\{')) {
      let text = rest.slice(2);
      let depth = 1;
      for (;;) {
        depth += (text.match(/\\\{/g) ?? []).length - (text.match(/\\\}/g) ?? []).length;
        const cleaned = text.replace(/\\[{}]/g, '').trim();
        if (cleaned) body.push(cleaned);
        if (depth <= 0 || i + 1 >= lines.length) break;
        text = lines[++i]!;
      }
    } else if (rest.trim()) body.push(rest.trim());
    if (holds && depth < MAX_CONDITIONAL_DEPTH) out.push(...resolveConditionals(body, depth + 1));
  }
  return out;
}
