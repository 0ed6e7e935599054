/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the dev sets only (eval/dev.jsonl, eval/questions-extra-dev.jsonl), never on eval/test.jsonl;
 * regenerate it after changing the features. Feature order must match `scoreSentences`.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "infobox", "figuresPresent", "novelty"],
  weights: [-3.543, 1.673, 0.909, 0.905, 1.055, 0.245, 1.071, 0.563, 0.711, -1.401, 0.238, 0.225, 0.722, -0.030],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.54,
} as const;
