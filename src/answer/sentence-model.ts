/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the dev sets only (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl), never on eval/test.jsonl;
 * regenerate it after changing the features. Feature order must match `scoreSentences`.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "infobox", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-3.284, 1.252, 0.725, 0.738, 0.959, 0.386, 1.124, 0.578, 0.762, -1.285, 0.110, 0.188, 0.612, -0.052, 0.260, -0.107, -0.437, -0.317, 1.113],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.10,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-0.605, 0.661, 0.701, 1.202, 0.925, -0.778, -0.142, -0.484, -0.791, -1.023, -0.134],
  threshold: 0.22,
} as const;
