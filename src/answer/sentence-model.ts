/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the dev sets only (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl), never on eval/test.jsonl;
 * regenerate it after changing the features. Feature order must match `scoreSentences`.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "infobox", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-3.169, 0.954, 0.514, 0.582, 0.894, 0.159, 1.050, 0.797, 0.697, -1.069, 0.205, 0.031, 0.441, -0.135, 0.360, -0.018, -0.335, -0.249, 1.021, 1.172],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.02,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-0.150, 0.660, 0.486, 0.800, 0.434, -1.058, 0.080, -0.456, -0.817, -0.442, -0.341, 0.677],
  threshold: 0.20,
} as const;
