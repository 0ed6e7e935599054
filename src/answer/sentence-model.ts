/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the fit sets of every eval corpus pooled (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl, eval/corpora/anki-manual.jsonl, eval/corpora/dive-into-python3.jsonl, eval/corpora/gao-peak-oil.jsonl, eval/corpora/mdn-http.jsonl, eval/corpora/nist-csf.jsonl, eval/corpora/plain-text.jsonl, eval/corpora/shell-novice.jsonl, eval/corpora/site-policy.jsonl, eval/corpora/up-from-slavery.jsonl, eval/corpora/wcag-understanding.jsonl), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (`extractive/sentence-features.ts`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "field", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-2.970, 0.868, 0.679, 0.682, 0.722, 0.084, 1.047, 0.953, 0.804, -0.811, 0.304, 0.071, 0.359, -0.440, 0.095, 0.100, -0.357, -0.256, -0.146, 0.875, 0.427],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.46,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-0.841, 1.027, 0.677, 0.419, 1.015, -0.653, -0.734, -0.219, -0.991, -0.291, -0.116, -0.211, -0.066],
  threshold: 0.28,
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
