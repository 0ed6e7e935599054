/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the fit sets of every eval corpus pooled (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl, eval/corpora/mdn-http.jsonl, eval/corpora/plain-text.jsonl, eval/corpora/site-policy.jsonl, eval/corpora/wcag-understanding.jsonl), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (`extractive/sentence-features.ts`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "field", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-2.998, 1.007, 0.668, 0.709, 0.663, 0.076, 1.143, 1.010, 0.809, -0.742, 0.183, 0.040, 0.398, -0.355, 0.296, -0.048, -0.537, -0.257, 0.895, 0.515],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.02,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [0.050, 0.851, 0.649, 0.372, 0.759, -1.093, -0.221, -0.397, -1.303, -0.249, -0.437, -0.078],
  threshold: 0.34,
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
