import type { Span } from '../domain/span.js';

export type { Span };

// Words whose trailing period does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'vs',
  'e.g',
  'i.e',
  'fig',
  'inc',
  'ltd',
  'corp',
  'gen',
  'gov',
  'u.s',
  'u.k',
  'u.n',
  'approx',
]);

/**
 * Splits `text[start, end)` into sentence spans, trimmed of surrounding whitespace. Handles the shapes found in
 * scraped articles: footnote markers after the stop (`states.[2] It`), a missing space after the stop
 * (`the server.The client`), closing quotes, abbreviations and decimals (`US$2.50`, `Mr. Smith`).
 * Line breaks inside a paragraph are kept inside the sentence.
 */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  let sentenceStart = start;
  // A stop, then closing quotes/brackets, then footnote markers such as [12].
  const stop = /[.!?]+["'”’)\]]*(?:\[\d{1,3}\])*/g;
  stop.lastIndex = start;
  let match: RegExpExecArray | null;
  while ((match = stop.exec(text)) !== null && match.index < end) {
    const stopEnd = Math.min(match.index + match[0].length, end);
    const next = text[stopEnd];
    if (next === undefined || stopEnd >= end) break;
    const wordBefore = /([A-Za-z.]+)$/.exec(text.slice(Math.max(start, match.index - 12), match.index))?.[1] ?? '';
    if (ABBREVIATIONS.has(wordBefore.toLowerCase())) continue;
    if (/\s/.test(next)) {
      // Whitespace after a stop ends a sentence unless the next word starts lower-case (e.g. "approx. ten").
      const following = /^\s+(\S)/.exec(text.slice(stopEnd, Math.min(end, stopEnd + 20)))?.[1] ?? '';
      if (following && /[a-z]/.test(following)) continue;
    } else if (/[A-Z“"‘]/.test(next)) {
      // "server.The" — a stop glued to the next sentence. Not "U.S" (single letter before) nor "www.Example".
      const before = text.slice(Math.max(start, match.index - 12), match.index);
      if (match[0].startsWith('.') && (!/[a-z)\]”’"]{2}$/.test(before) || /(^|\s)(www|https?:\/\/\S*)$/i.test(before))) continue;
    } else {
      continue;
    }
    pushTrimmed(text, sentenceStart, stopEnd, spans);
    sentenceStart = stopEnd;
  }
  pushTrimmed(text, sentenceStart, end, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s += 1;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e -= 1;
  if (e > s) spans.push({ start: s, end: e });
}

/** Footnote markers like `[12]` inside source text; stripped from answer text so they never look like citations. */
export const FOOTNOTE_MARKER = /\[\d{1,3}\]/g;

export function stripFootnotes(text: string): string {
  return text.replace(FOOTNOTE_MARKER, '').replace(/[ \t]+\n/g, '\n');
}
