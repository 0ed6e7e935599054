/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the fit sets of every eval corpus pooled (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl, eval/corpora/mdn-http.jsonl, eval/corpora/plain-text.jsonl, eval/corpora/site-policy.jsonl, eval/corpora/wcag-understanding.jsonl), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (`extractive/sentence-features.ts`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "field", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-3.022, 0.979, 0.686, 0.679, 0.637, 0.035, 1.231, 0.975, 0.845, -0.781, 0.154, -0.127, 0.497, -0.368, 0.085, -0.073, -0.597, -0.256, 0.893, 0.525],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.02,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-0.219, 1.027, 0.606, 0.361, 0.884, -0.968, -0.627, -0.388, -1.252, -0.303, -0.408, -0.026],
  threshold: 0.36,
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
