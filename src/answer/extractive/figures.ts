import type { SynonymsOf } from '../../text/synonyms.js';
import { isStopWord, stem, words } from '../../text/tokenize.js';
import { CLAUSE_WINDOW, FIGURE_WINDOW } from './thresholds.js';

export const MONTH_NAMES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
/** A year or a decade ("1951", "1950s"), as `words()` gives it. */
export const YEAR = /^(1[5-9]\d\d|20\d\d)s?$/;

/** The ways a text can name a figure of the question: a decade ("1980s") is named by any of its years too. */
export function figureForms(figure: string): string[] {
  const decade = /^(1[5-9]\d|20\d)0s$/.exec(figure);
  return decade ? [figure, ...Array.from({ length: 10 }, (_, year) => `${decade[1]}${year}`)] : [figure];
}

/** The figures of a text, as `words()` gives them ("8,400" → "8400", "US35-billion" → "us35"). */
export function figuresIn(text: string): string[] {
  return words(text).filter((word) => /\d/.test(word));
}
const SCALE_WORDS = new Set(['billion', 'million', 'thousand', 'hundred', 'bn', 'm']);
/** A currency's capitals right before its dollar sign ("US$1.6 billion", "NZ$40", "A$"): a currency, not a name. */
export const CURRENCY_CODE_BEFORE_SIGN = /\b\p{Lu}{1,3}(?=\$)/gu;
export const CURRENCY_WORDS = new Set(['dollar', 'dollars', 'usd', 'cent', 'cents', 'euro', 'euros', 'franc', 'francs', 'pound', 'pounds', 'dollarsign']);

/** Content terms within `FIGURE_WINDOW` words of the figures, except `excluded`: what the lead's figure is a figure
 * of ("budget" in "an annual operating budget of $1.3 billion"). */
export function termsNearFigures(text: string, figures: string[], excluded: Set<string>): Set<string> {
  const tokens = words(text);
  const anchors = new Set<string>();
  tokens.forEach((token, i) => {
    if (!figures.includes(token)) return;
    for (let j = Math.max(0, i - FIGURE_WINDOW); j <= Math.min(tokens.length - 1, i + FIGURE_WINDOW); j += 1) {
      const word = tokens[j]!;
      if (j === i || isStopWord(word) || /\d/.test(word) || SCALE_WORDS.has(word) || CURRENCY_WORDS.has(word)) continue;
      const term = stem(word);
      if (!excluded.has(term) && !MONTH_NAMES.has(word)) anchors.add(term);
    }
  });
  return anchors;
}

/** Whether one of `figures` stands within `FIGURE_WINDOW` words of a question term (or its synonym) in `text`. */
export function figureNearTerms(text: string, figures: string[], questionTerms: Set<string>, synonymsOf: SynonymsOf): boolean {
  const tokens = words(text);
  const near = tokens.map((token) => {
    const term = stem(token);
    return questionTerms.has(term) || synonymsOf(term).some((synonym) => questionTerms.has(synonym));
  });
  return tokens.some((token, i) => {
    if (!figures.includes(token)) return false;
    for (let j = Math.max(0, i - FIGURE_WINDOW); j <= Math.min(tokens.length - 1, i + FIGURE_WINDOW); j += 1) if (near[j]) return true;
    return false;
  });
}

/** What each of `figures` counts in `text`: "money" (a currency sign or word), "percent", else the first content
 * word after it ("50 cookies" → "cooki"), or for a labelled field ("Staff\n8,400") the label. */
export function figureKinds(text: string, figures: string[]): Set<string> {
  const tokens = words(
    text
      .replace(CURRENCY_CODE_BEFORE_SIGN, '')
      .replace(/\$\s?|[€£¥]\s?/g, ' dollarsign ')
      .replace(/%/g, ' percent '),
  );
  const kinds = new Set<string>();
  tokens.forEach((token, i) => {
    if (!figures.includes(token)) return;
    let j = i + 1;
    while (j < tokens.length && SCALE_WORDS.has(tokens[j]!)) j += 1;
    if (CURRENCY_WORDS.has(tokens[i - 1] ?? '') || CURRENCY_WORDS.has(tokens[j] ?? '')) kinds.add('money');
    else if (tokens[j] === 'percent') kinds.add('percent');
    else {
      const next = tokens.slice(j).find((word) => !isStopWord(word) && !/\d/.test(word));
      // A labelled field ("Staff\n8,400") says what its figure counts in the label.
      const label = text.includes('\n') ? tokens.slice(0, i).find((word) => !isStopWord(word) && !/\d/.test(word)) : undefined;
      const kind = next ?? label;
      if (kind) kinds.add(stem(kind));
    }
  });
  return kinds;
}

export function intersects(a: Set<string>, b: Set<string>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}

/**
 * The best share of the question, by weight, found within `CLAUSE_WINDOW` words of one of the sentence's figures that
 * the question does not give (or in `context`, the heading and what an opening pronoun stands for); synonyms count
 * `synonymCredit`. For "how many"/"when": is the figure the answer to this question, or a figure of something else
 * the sentence also mentions? 0 when the sentence has no such figure.
 */
export function coverageNearFigures(
  text: string,
  questionTerms: { term: string; mass: number }[],
  context: Set<string>,
  synonymCredit: number,
  synonymsOf: SynonymsOf,
): number {
  const tokens = words(text);
  const stems = tokens.map(stem);
  const asked = new Set(questionTerms.map((entry) => entry.term));
  const total = questionTerms.reduce((sum, entry) => sum + entry.mass, 0);
  if (total === 0) return 0;
  let best = 0;
  tokens.forEach((token, i) => {
    if (!/\d/.test(token) || asked.has(token)) return;
    const near = new Set(stems.slice(Math.max(0, i - CLAUSE_WINDOW), i + CLAUSE_WINDOW + 1));
    const has = (term: string) => near.has(term) || context.has(term);
    let matched = 0;
    for (const { term, mass } of questionTerms) {
      if (has(term)) matched += mass;
      else if (synonymsOf(term).some(has)) matched += mass * synonymCredit;
    }
    best = Math.max(best, matched / total);
  });
  return best;
}
