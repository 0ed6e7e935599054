/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the dev sets only (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl), never on eval/test.jsonl;
 * regenerate it after changing the features. Feature order must match `scoreSentences`.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "infobox", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-3.279, 1.247, 0.725, 0.740, 0.954, 0.377, 1.115, 0.574, 0.791, -1.294, 0.126, 0.183, 0.616, -0.055, 0.252, -0.104, -0.399, -0.298, 1.105],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.10,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-0.607, 0.659, 0.708, 1.065, 0.933, -0.837, -0.142, -0.452, -0.655, -0.775, -0.110],
  threshold: 0.20,
} as const;
