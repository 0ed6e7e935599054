/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the dev sets only (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl), never on eval/test.jsonl;
 * regenerate it after changing the features. Feature order must match `scoreSentences`.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "infobox", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-3.277, 1.252, 0.725, 0.736, 0.957, 0.384, 1.122, 0.578, 0.764, -1.285, 0.112, 0.188, 0.612, -0.053, 0.258, -0.109, -0.438, -0.332, 1.113],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.10,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage"],
  weights: [-1.284, 1.079, 0.693, 0.610, 1.212, -0.654, -0.172, -0.525, -0.702, -0.995, 0.909],
  threshold: 0.26,
} as const;
