import porter2 from 'wink-porter2-stemmer';

/**
 * Tokenisation shared by the lexical index, query handling and sentence selection, so that a term means the same
 * thing everywhere. Lower-cased, accents folded, numbers normalised ("8,400" → "8400"), English stop words
 * dropped and stemmed with Porter2 ("cookies" → "cooki", "renamed" → "renam"); identifiers ("X-Forwarded-For",
 * "auth_basic_user_file", "RedirectMatch", "hnsw.ef_search", "HTTP/2") are terms both whole and in parts; a short
 * command-line option ("-B") is a term whole as written, its case kept.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her hers ' +
    'him his how i if in into is it its itself me more most my no nor not of off on once only or other our ours ' +
    'out over own same she should so some such than that the their theirs them then there these they this those ' +
    'through to too under until up very was we were what when where which while who whom why will with would you ' +
    'your yours about after again against all am any because before below between both down during each few further ' +
    'here just now s t also according article tell say says said me please give list many much'
  ).split(/\s+/),
);

export function isStopWord(term: string): boolean {
  return STOP_WORDS.has(term);
}

/** Porter2 (the Snowball English stemmer), by a maintained library; words holding digits stay as written. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  return porter2(word);
}

/** Lower case with accents folded ("Café" → "cafe"): how every term but a short option is written. */
const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Raw word tokens (lower-case, accent-folded, numbers without thousands separators), stop words kept. */
export function words(text: string): string[] {
  const folded = fold(text).replace(/\d{1,3}(?:,\d{3})+\b/g, (number) => number.replace(/,/g, ''));
  return folded.match(/[a-z0-9]+(?:\.[0-9]+)?/g) ?? [];
}

/**
 * An identifier: letters and digits joined by `-`, `_`, `.`, `/` or `:` ("X-Forwarded-For", "auth_basic_user_file",
 * "hnsw.ef_search", "HTTP/2"), or a word with an inner capital ("RedirectMatch", "maxAge"). A word ending a sentence
 * ("cookies." ) is not one: a separator must be followed by a letter or digit.
 */
const IDENTIFIER = /[\p{L}\p{N}]+(?:[-_./:][\p{L}\p{N}]+)+|\p{Ll}+\p{Lu}[\p{L}\p{N}]*|\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}]*/gu;
/** Inner capitals: where "RedirectMatch" splits into its words. */
const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})/u;

/** The identifiers of `text` as written, less plain numbers with separators ("2004/2005", "1.5"), which are figures. */
function* identifiersIn(text: string): Generator<string> {
  for (const [identifier] of text.matchAll(IDENTIFIER)) if (!/^[\d\p{P}]+$/u.test(identifier)) yield identifier;
}

/** The identifiers in `text` as whole terms (lower-case, accents folded), plus the words of camel-case ones, which
 * `words` reads as one. Plain numbers with separators ("2004/2005", "1.5") are not identifiers. */
export function identifierTerms(text: string): string[] {
  const result: string[] = [];
  for (const identifier of identifiersIn(text)) {
    if (/[-_./:]/.test(identifier)) {
      result.push(fold(identifier));
      continue;
    }
    // A camel-case word ("RedirectMatch"): its words too.
    const camelParts = identifier.split(CAMEL_BOUNDARY);
    if (camelParts.length < 2) continue;
    for (const part of camelParts) {
      const word = part.toLowerCase();
      if (word && !STOP_WORDS.has(word) && /[a-z]/.test(word)) result.push(stem(word));
    }
  }
  return result;
}

/**
 * The names and codes among `text`'s identifiers, whole and folded like `terms` folds them ("re.verbose",
 * "script.sh", "alt-svc", "includesubdomain"): those joined by `.`, `_`, `/` or `:`, by hyphens with a capital or a
 * digit after the first part ("Alt-Svc", "UTF-8"), or written in camel case ("includeSubDomains"). Hyphenated words
 * ("self-hosted", "Dropbox-style", "stale-while-revalidate") read as English compounds and abbreviations of single
 * letters ("U.S.", "e.g.") are not names, so neither is one.
 */
export function namedIdentifiers(text: string): string[] {
  const result: string[] = [];
  for (const identifier of identifiersIn(text)) {
    if (!/[-_./:]/.test(identifier)) {
      // A word with an inner capital ("includeSubDomains", "RedirectMatch") is a name too, as `terms` indexes it whole.
      // (Only when `words` reads it as one word: one with letters it does not read, "straßeName", is never a term.)
      if (identifier.split(CAMEL_BOUNDARY).length > 1 && words(identifier).length === 1) result.push(stem(fold(identifier)));
      continue;
    }
    const parts = identifier.split(/[-_./:]/);
    if (parts.every((part) => part.length < 2)) continue;
    if (!/[_./:]/.test(identifier) && !parts.slice(1).some((part) => /[\p{Lu}\p{N}]/u.test(part))) continue;
    result.push(fold(identifier));
  }
  return result;
}

/** The dashes an option may open with, written once for the three places the pattern needs them. */
const DASHES = '\\-\u2010\u2011\u2212';

/**
 * A short command-line option: a dash and one letter standing alone ("-B", "(-z)", "-O,"), not a hyphen inside a word
 * ("e-mail", "A-B") nor a negative number. Its case is kept: "-B" and "-b" are different options, and "b" alone is no
 * option at all. A minus sign or a typographic hyphen before the letter ("−v", as typeset manuals and PDFs write it)
 * is the dash a user types.
 */
const SHORT_OPTION = new RegExp(`(?<![\\p{L}\\p{N}${DASHES}])[${DASHES}]\\p{L}(?![\\p{L}\\p{N}${DASHES}])`, 'gu');

/** The short options of `text` as terms: whole, case kept, any dash read as "-". */
export function shortOptions(text: string): string[] {
  return [...text.matchAll(SHORT_OPTION)].map(([option]) => `-${option.slice(1)}`);
}

/**
 * The terms of `text` a corpus knows whole or not at all: its names and codes (`namedIdentifiers`) and its short
 * options (`shortOptions`). A corpus having "alt" and "svc" does not have "Alt-Svc", nor does one using the word "a"
 * have the option "-a".
 */
export function wholeTerms(text: string): string[] {
  return [...namedIdentifiers(text), ...shortOptions(text)];
}

/** Index/query terms: stop words removed, stemmed, identifiers added whole (and camel case in parts), short options
 * added whole with their case. */
export function terms(text: string): string[] {
  const result: string[] = [];
  for (const word of words(text)) {
    if (STOP_WORDS.has(word)) continue;
    result.push(stem(word));
  }
  result.push(...identifierTerms(text));
  result.push(...shortOptions(text));
  return result;
}
