/**
 * Tokenisation shared by the lexical index, query handling and sentence selection, so that a term means the same
 * thing everywhere. Lower-cased, accents folded, numbers normalised ("8,400" → "8400"), English stop words
 * dropped and a light suffix stemmer applied ("migrants" → "migrant", "renamed" → "renam").
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

/** Light English stemmer: enough to join plural/verb forms without Porter's over-stemming of names. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Raw word tokens (lower-case, accent-folded, numbers without thousands separators), stop words kept. */
export function words(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\d{1,3}(?:,\d{3})+\b/g, (number) => number.replace(/,/g, ''));
  return folded.match(/[a-z0-9]+(?:\.[0-9]+)?/g) ?? [];
}

/** Index/query terms: stop words removed, stemmed. */
export function terms(text: string): string[] {
  const result: string[] = [];
  for (const word of words(text)) {
    if (STOP_WORDS.has(word)) continue;
    result.push(stem(word));
  }
  return result;
}
