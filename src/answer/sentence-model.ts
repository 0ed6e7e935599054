/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the dev sets only (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl), never on eval/test.jsonl;
 * regenerate it after changing the features. Feature order must match `scoreSentences`.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "infobox", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-3.119, 1.271, 0.685, 0.743, 1.019, 0.411, 1.155, 0.582, 0.525, -1.316, 0.114, 0.168, 0.445, -0.085, 0.345, -0.108, -0.425, -0.310, 1.159],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.10,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-0.927, 1.088, 0.492, 0.412, 1.290, -0.750, -0.209, -0.693, -0.748, -0.994, 0.886],
  threshold: 0.26,
} as const;
