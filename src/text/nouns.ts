import { englishNlp } from './english-nlp.js';

/** The nouns and proper nouns of `text` as written, by wink-nlp's part-of-speech tagger ("How do I tune a ukulele?" →
 * "ukulele"): what a question is about, as against the verbs and adjectives any text shares. */
export function nounsIn(text: string): string[] {
  const nlp = englishNlp();
  const tokens = nlp.readDoc(text).tokens();
  // its.value and its.pos are plain functions of the token's fields; wink-nlp's helpers are used unbound throughout its docs.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const values = tokens.out(nlp.its.value);
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const tags = tokens.out(nlp.its.pos);
  return values.filter((_, i) => tags[i] === 'NOUN' || tags[i] === 'PROPN');
}
