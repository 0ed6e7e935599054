import { terms } from './tokenize.js';

const CONNECTORS = new Set(['for', 'of', 'the', 'and', 'from', 'on', 'in', 'to', 'de', 'la', 'des', 'pour', 'les', '&']);

/**
 * Acronyms a document defines, as "Long Form Words (LFW)": the acronym's letters must be the initials of the long
 * form's capitalised words (connectors like "for", "the" skipped). Returns acronym term → long-form terms, so
 * "FTP" and "File Transfer Protocol" match each other.
 */
export function findAcronyms(text: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const pattern = /\(([A-Z][A-Z&]{1,9})\)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const acronym = match[1]!;
    const before = text.slice(Math.max(0, match.index - 160), match.index).trimEnd();
    const tokens = before.split(/\s+/);
    const picked: string[] = [];
    let letters = acronym.length;
    for (let i = tokens.length - 1; i >= 0 && letters > 0; i -= 1) {
      const token = tokens[i]!.replace(/[^\p{L}&-]/gu, '');
      if (!token) break;
      picked.unshift(token);
      if (CONNECTORS.has(token.toLowerCase())) continue;
      if (!/^\p{Lu}/u.test(token)) break;
      letters -= 1;
    }
    const initials = picked
      .filter((token) => !CONNECTORS.has(token.toLowerCase()))
      .map((token) => token[0]!.toUpperCase())
      .join('');
    if (initials === acronym.replace('&', '')) found.set(acronym.toLowerCase(), terms(picked.join(' ')));
  }
  return found;
}

/** Adds to a sentence's terms the acronyms whose long form it spells out, and the long forms of acronyms it uses. */
export function withAcronyms(sentenceTerms: Set<string>, acronyms: Map<string, string[]>): Set<string> {
  const result = new Set(sentenceTerms);
  for (const [acronym, longForm] of acronyms) {
    if (longForm.length === 0) continue;
    if (sentenceTerms.has(acronym)) for (const term of longForm) result.add(term);
    else if (longForm.every((term) => sentenceTerms.has(term))) result.add(acronym);
  }
  return result;
}
