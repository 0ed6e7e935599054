/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the dev sets only (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl), never on eval/test.jsonl;
 * regenerate it after changing the features. Feature order must match `scoreSentences`.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "infobox", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-3.273, 1.245, 0.724, 0.738, 0.954, 0.377, 1.115, 0.573, 0.789, -1.296, 0.126, 0.182, 0.616, -0.055, 0.256, -0.105, -0.431, -0.299, 1.105],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.10,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-0.509, 0.642, 0.675, 1.042, 0.923, -0.853, -0.111, -0.478, -0.806, -0.791, -0.118],
  threshold: 0.20,
} as const;
