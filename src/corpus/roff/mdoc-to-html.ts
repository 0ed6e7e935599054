import { ManHtmlWriter } from './html-writer.js';
import { controlLine, JOIN_MARK, readEscapes, splitArguments } from './roff-text.js';

/** Enclosing macros: the rest of the line inside a pair of characters (`.Op Fl v` → "[-v]", `.Dq word` → “word”). */
const ENCLOSURES: Record<string, [string, string]> = {
  Op: ['[', ']'],
  Bq: ['[', ']'],
  Brq: ['{', '}'],
  Dq: ['“', '”'],
  Qq: ['"', '"'],
  Sq: ['‘', '’'],
  Ql: ['‘', '’'],
  Pq: ['(', ')'],
  Aq: ['⟨', '⟩'],
  Eq: ['', ''],
};
/** Opening and closing halves of the multi-line enclosures (`.Oo` … `.Oc`). */
const HALVES: Record<string, string> = {
  Oo: '[',
  Oc: ']',
  Bo: '[',
  Bc: ']',
  Bro: '{',
  Brc: '}',
  Do: '“',
  Dc: '”',
  So: '‘',
  Sc: '’',
  Po: '(',
  Pc: ')',
  Ao: '⟨',
  Ac: '⟩',
  Qo: '"',
  Qc: '"',
  Xo: '',
  Xc: '',
  Eo: '',
  Ec: '',
};
/** Macros whose arguments are words set in some font (a command, a path, a variable…): read as the words. */
const WORDS = new Set(['Cm', 'Ic', 'Li', 'Ev', 'Va', 'Pa', 'Em', 'Sy', 'Dv', 'Er', 'Fa', 'Ft', 'Fn', 'Vt', 'Tn', 'No', 'Sx', 'An', 'Cd', 'Ad', 'Ms', 'Lb', 'Mt', 'Fo', 'Fc', 'In', 'Ot', 'Fd', '%A', '%B', '%C', '%D', '%I', '%J', '%N', '%O', '%P', '%Q', '%R', '%T', '%U', '%V']);
/** The operating systems mdoc names by macro, with the version argument after them. */
const SYSTEMS: Record<string, string> = { Ox: 'OpenBSD', Nx: 'NetBSD', Fx: 'FreeBSD', Dx: 'DragonFly', Bsx: 'BSD/OS', Bx: 'BSD', Ux: 'UNIX', At: 'AT&T UNIX' };
/** Macros that set no text (dates, fonts kept, spacing modes, tags for search). */
const SILENT = new Set(['Dd', 'Os', 'Bf', 'Ef', 'Bk', 'Ek', 'Tg', 'Rs', 'Re', 'br', 'sp', 'ad', 'na', 'hy', 'nh', 'ne', 'in', 'ti', 'ft', 'ps', 'vs', 'll', 'ta', 'so', 'nr', 'ds']);
/** A closing delimiter: written against the word before it. */
const CLOSING = /^[.,:;)\]?!]$/;
/** The middle delimiter (`Fl r | Fl u`): a word of its own, never a macro's argument. */
const MIDDLE = '|';
/** An opening delimiter: written against the word after it. */
const OPENING = /^[([]$/;

/** Every inline macro the reader knows: asked of each word of every macro line. */
const INLINE_MACROS = new Set([
  ...Object.keys(ENCLOSURES),
  ...Object.keys(HALVES),
  ...Object.keys(SYSTEMS),
  ...WORDS,
  ...['Fl', 'Ar', 'Xr', 'Nm', 'Ns', 'Pf', 'Ta', 'Lk', 'St', 'Ex', 'Rv', 'Ud'],
]);
const isMacro = (token: string) => INLINE_MACROS.has(token);

/** Words to write, each with whether it joins the word before it without a space. */
type Piece = { text: string; joined: boolean };

function join(pieces: Piece[], spacing = true): string {
  let out = '';
  let nextJoined = false;
  for (const piece of pieces) {
    if (piece.text === '') {
      if (piece.joined) nextJoined = true;
      continue;
    }
    const joined = !spacing || out === '' || piece.joined || nextJoined || CLOSING.test(piece.text) || OPENING.test(out.at(-1) ?? '');
    out += (joined ? '' : ' ') + piece.text;
    nextJoined = false;
  }
  return out;
}

/**
 * Reads mdoc's inline macros over a line's arguments: `Fl v` → "-v", `Ar file` → "file", `Xr ls 1` → "ls(1)",
 * `Op Fl v Ar level` → "[-v level]", `Dq word .` → “word”., `Ns` joins, delimiters attach to their neighbours.
 */
export class MdocInline {
  constructor(
    private readonly read: (text: string) => string,
    private readonly name: () => string,
  ) {}

  /** `.Sm off`: words are written without spaces between them (a URI or a pattern built from several macros). */
  spacing = true;

  line(tokens: string[]): string {
    return join(this.pieces(tokens, 0, tokens.length), this.spacing);
  }

  private pieces(tokens: string[], from: number, to: number): Piece[] {
    const out: Piece[] = [];
    let i = from;
    while (i < to) {
      const token = tokens[i]!;
      if (!isMacro(token)) {
        out.push({ text: this.read(token), joined: false });
        i++;
        continue;
      }
      i = this.call(token, tokens, i + 1, to, out);
    }
    return out;
  }

  /** The arguments of a macro: up to the next macro or the closing delimiters at the line's end. */
  private argumentsEnd(tokens: string[], from: number, to: number): number {
    let end = from;
    while (end < to && !isMacro(tokens[end]!) && !CLOSING.test(tokens[end]!) && tokens[end] !== MIDDLE) end++;
    return end;
  }

  /** Writes one macro and returns the index after what it took. */
  private call(macro: string, tokens: string[], from: number, to: number, out: Piece[]): number {
    const words = (end: number) => tokens.slice(from, end).map(this.read);
    if (macro in ENCLOSURES) {
      // The rest of the line is enclosed, but for the closing delimiters at its very end.
      let end = to;
      while (end > from && CLOSING.test(tokens[end - 1]!)) end--;
      const [open, close] = ENCLOSURES[macro]!;
      const inner = join(this.pieces(tokens, from, end), this.spacing);
      out.push({ text: `${open}${inner}${close}`, joined: false });
      return end;
    }
    if (macro in HALVES) {
      const text = HALVES[macro]!;
      const opening = ['[', '{', '“', '‘', '(', '⟨'].includes(text) || (text === '"' && macro === 'Qo');
      out.push({ text, joined: !opening });
      if (opening) out.push({ text: '', joined: true });
      return from;
    }
    if (macro === 'Ns') {
      out.push({ text: '', joined: true });
      return from;
    }
    if (macro === 'Pf') {
      out.push({ text: this.read(tokens[from] ?? ''), joined: false }, { text: '', joined: true });
      return from + 1;
    }
    if (macro === 'Ta') {
      out.push({ text: '\t', joined: true }, { text: '', joined: true });
      return from;
    }
    const end = this.argumentsEnd(tokens, from, to);
    if (macro === 'Fl') {
      const flags = words(end);
      if (flags.length === 0) out.push({ text: '-', joined: false }, { text: '', joined: true });
      for (const flag of flags) out.push({ text: `-${flag}`, joined: false });
      return end;
    }
    if (macro === 'Ar') {
      const args = words(end);
      out.push({ text: args.length ? args.join(' ') : 'file ...', joined: false });
      return end;
    }
    if (macro === 'Nm') {
      const args = words(end);
      out.push({ text: args.length ? args.join(' ') : this.name(), joined: false });
      return end;
    }
    if (macro === 'Xr') {
      const [page, section] = words(Math.min(end, from + 2));
      out.push({ text: section ? `${page}(${section})` : (page ?? ''), joined: false });
      return Math.min(end, from + 2);
    }
    if (macro === 'Lk') {
      const [url, ...text] = words(end);
      out.push({ text: text.length ? `${text.join(' ')} (${url})` : (url ?? ''), joined: false });
      return end;
    }
    if (macro === 'St') {
      out.push({ text: standardName(words(end).join(' ')), joined: false });
      return end;
    }
    if (macro === 'An') {
      // `-split` and `-nosplit` set how author names break lines, not text.
      out.push({ text: words(end).filter((word) => !/^-(?:no)?split$/.test(word)).join(' '), joined: false });
      return end;
    }
    if (macro === 'Ex') {
      const names = words(end).filter((word) => word !== '-std');
      out.push({ text: `The ${names.length ? names.join(', ') : this.name()} utility exits 0 on success, and >0 if an error occurs.`, joined: false });
      return end;
    }
    if (macro === 'Rv') {
      const names = words(end).filter((word) => word !== '-std');
      out.push({ text: `The ${names.length ? names.map((name) => `${name}()`).join(', ') : `${this.name()}()`} function returns the value 0 if successful; otherwise the value -1 is returned and the global variable errno is set to indicate the error.`, joined: false });
      return end;
    }
    if (macro === 'Ud') {
      out.push({ text: 'currently under development.', joined: false });
      return from;
    }
    if (macro in SYSTEMS) {
      const version = words(end).join(' ');
      out.push({ text: version ? `${SYSTEMS[macro]} ${version}` : SYSTEMS[macro]!, joined: false });
      return end;
    }
    out.push({ text: words(end).join(' '), joined: false });
    return end;
  }
}

/** The standards `.St` names, as mandoc writes the common ones; any other by its key. */
function standardName(key: string): string {
  const posix = /^-p1003\.1(-\d{4})?$/.exec(key);
  if (posix) return `IEEE Std 1003.1${posix[1] ?? ''} (“POSIX.1”)`;
  const known: Record<string, string> = {
    '-ansiC': 'ANSI X3.159-1989 (“ANSI C89”)',
    '-isoC': 'ISO/IEC 9899:1990 (“ISO C90”)',
    '-isoC-99': 'ISO/IEC 9899:1999 (“ISO C99”)',
    '-isoC-2011': 'ISO/IEC 9899:2011 (“ISO C11”)',
    '-p1003.2': 'IEEE Std 1003.2 (“POSIX.2”)',
    '-xpg4': 'X/Open Portability Guide Issue 4 (“XPG4”)',
    '-susv2': 'Version 2 of the Single UNIX Specification (“SUSv2”)',
    '-susv3': 'Version 3 of the Single UNIX Specification (“SUSv3”)',
    '-susv4': 'Version 4 of the Single UNIX Specification (“SUSv4”)',
  };
  return known[key] ?? key.replace(/^-/, '');
}

type ListKind = 'tag' | 'bullet' | 'enum' | 'column' | 'item';

/** The mdoc macro package's page (`.Dd`, `.Dt`, `.Sh`, `.Bl`…) as HTML, with its name and section number. */
export function mdocToHtml(lines: string[], strings: Record<string, string>): { html: (title: string) => string; name?: string; section?: string } {
  const writer = new ManHtmlWriter();
  const read = (text: string) => readEscapes(text, strings);
  let name = '';
  let pageSection: string | undefined;
  const inline = new MdocInline(read, () => name);
  const lists: ListKind[] = [];
  let inPre = false;
  let section = '';
  /** Spacing is off and a macro line was just written: the next joins it without a space. */
  let joinNext = false;
  /** An item's term spread over lines by `Xo` … `Xc`: its text so far, and whether the next part joins it. */
  let term: string | undefined;
  let termJoins = false;
  const addToTerm = (part: string) => {
    if (!part) return;
    term = term ? `${term}${termJoins ? '' : ' '}${part}` : part;
    termJoins = !inline.spacing;
  };
  for (const line of lines) {
    const control = controlLine(line);
    if (term !== undefined) {
      // Collecting an `Xo` term: every line up to the one that holds `Xc` is part of it.
      const tokens = control ? [control.name, ...splitArguments(control.rest)] : [line];
      if (control?.name === 'Sm') {
        inline.spacing = tokens[1] === 'on' || (tokens[1] === undefined && !inline.spacing);
        termJoins = false;
        continue;
      }
      const close = tokens.indexOf('Xc');
      addToTerm(control ? inline.line(close < 0 ? tokens : tokens.slice(0, close)) : read(line));
      if (close >= 0) {
        writer.term(term);
        term = undefined;
      }
      continue;
    }
    if (!control) {
      if (!line.trim() && !inPre) writer.breakParagraph();
      else writer.text(read(line));
      joinNext = false;
      continue;
    }
    const macro = control.name;
    if (macro === '' || macro.startsWith('\\"')) continue;
    const list = lists.at(-1);
    if (macro === 'It' && list === 'column') {
      writer.row(
        control.rest
          .split('\t')
          .flatMap((part) => inline.line(splitArguments(part)).split('\t'))
          .filter((cell, index, cells) => cell.trim() !== '' || index < cells.length - 1),
      );
      continue;
    }
    const args = splitArguments(control.rest);
    if (macro === 'Dt') pageSection = read(args[1] ?? '');
    else if (macro === 'Sm') {
      inline.spacing = args[0] === 'on' || (args[0] === undefined && !inline.spacing);
      joinNext = false;
    }
    else if (macro === 'Sh' || macro === 'Ss') {
      inPre = false;
      const title = inline.line(args);
      if (macro === 'Sh') section = title.toUpperCase();
      writer.heading(macro === 'Sh' ? 2 : 3, title);
    } else if (macro === 'Nm' && !name && args[0]) {
      name = read(args[0]);
      writer.text(inline.line(['Nm', ...args]));
    } else if (macro === 'Nm' && section === 'SYNOPSIS') {
      // Each usage form of a command starts on a line of its own.
      writer.breakParagraph();
      writer.text(inline.line(['Nm', ...args]));
    } else if (macro === 'Nd') writer.text(`— ${inline.line(args)}`);
    else if (macro === 'Pp' || macro === 'Lp' || macro === 'sp') writer.breakParagraph();
    else if (macro === 'Bl') {
      const kind: ListKind = args.includes('-column') ? 'column' : args.some((arg) => arg === '-bullet' || arg === '-dash' || arg === '-hyphen') ? 'bullet' : args.includes('-enum') ? 'enum' : args.includes('-item') ? 'item' : 'tag';
      lists.push(kind);
      if (kind === 'column') writer.startTable();
      else writer.indent();
    } else if (macro === 'El') {
      const ended = lists.pop();
      if (ended === 'column') writer.endTable();
      else if (ended) writer.outdent();
    } else if (macro === 'It') {
      if (list === 'bullet' || list === 'item') writer.item('ul');
      else if (list === 'enum') writer.item('ol');
      else if (args.at(-1) === 'Xo') {
        term = '';
        termJoins = false;
        addToTerm(inline.line(args.slice(0, -1)));
      }
      else writer.term(inline.line(args));
    } else if (macro === 'Bd') {
      if (args.includes('-literal') || args.includes('-unfilled')) {
        inPre = true;
        writer.startPre();
      } else writer.breakParagraph();
    } else if (macro === 'Ed') {
      inPre = false;
      writer.endPre();
      writer.breakParagraph();
    } else if (macro === 'D1' || macro === 'Dl') {
      writer.breakParagraph();
      if (macro === 'Dl') {
        writer.startPre();
        writer.text(inline.line(args));
        writer.endPre();
      } else {
        writer.text(inline.line(args));
        writer.breakParagraph();
      }
    } else if (SILENT.has(macro)) continue;
    else if (isMacro(macro)) {
      // With spacing off, a macro line joins the one before it (`.Ar user` `.No @` `.Ar host` → "user@host").
      writer.text((inline.spacing || !joinNext ? '' : JOIN_MARK) + inline.line([macro, ...args]));
      joinNext = !inline.spacing;
      continue;
    }
    else if (args.length && /^[A-Z%][A-Za-z]?$/.test(macro)) writer.text(args.map(read).join(' '));
  }
  return { html: (title) => writer.html(title), ...(name ? { name } : {}), ...(pageSection ? { section: pageSection } : {}) };
}
