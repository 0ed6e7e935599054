/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the fit sets of every eval corpus pooled (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl, eval/corpora/anki-manual.jsonl, eval/corpora/mdn-http.jsonl, eval/corpora/plain-text.jsonl, eval/corpora/site-policy.jsonl, eval/corpora/up-from-slavery.jsonl, eval/corpora/wcag-understanding.jsonl), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (`extractive/sentence-features.ts`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "field", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-2.972, 0.946, 0.711, 0.692, 0.693, 0.075, 1.166, 1.004, 0.791, -0.820, 0.186, -0.077, 0.411, -0.393, 0.064, 0.007, -0.538, -0.247, 0.900, 0.514],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.38,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-0.313, 1.102, 0.660, 0.299, 0.978, -0.948, -0.747, -0.260, -1.298, -0.271, -0.449, -0.225],
  threshold: 0.34,
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
