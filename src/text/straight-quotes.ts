/**
 * Typographic quotes and primes as the straight marks a person types: "isn't" for a source's "isn’t", 5'11" for its
 * 5′11″. One character for one, so a caller that maps offsets (the evidence locator) keeps each character's origin.
 * A table of eight marks: a library that transliterates all of Unicode would also rewrite letters a quote is matched on.
 */
const STRAIGHT: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
};

const TYPOGRAPHIC = new RegExp(`[${Object.keys(STRAIGHT).join('')}]`, 'g');

/** `char` as its straight mark when it is a typographic quote or prime, else itself. */
export const straightQuote = (char: string): string => STRAIGHT[char] ?? char;

/** `text` with every typographic quote and prime straight (same length). */
export const straightenQuotes = (text: string): string => text.replace(TYPOGRAPHIC, straightQuote);
