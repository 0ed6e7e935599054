/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the fit sets of every eval corpus pooled (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl, eval/corpora/anki-manual.jsonl, eval/corpora/dive-into-python3.jsonl, eval/corpora/mdn-http.jsonl, eval/corpora/nist-csf.jsonl, eval/corpora/plain-text.jsonl, eval/corpora/shell-novice.jsonl, eval/corpora/site-policy.jsonl, eval/corpora/up-from-slavery.jsonl, eval/corpora/wcag-understanding.jsonl), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (`extractive/sentence-features.ts`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "field", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-3.012, 0.910, 0.716, 0.708, 0.703, 0.090, 1.061, 0.995, 0.811, -0.756, 0.260, 0.101, 0.374, -0.414, 0.048, 0.058, -0.419, -0.164, 0.918, 0.465],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.46,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-0.837, 1.041, 0.650, 0.439, 1.012, -0.671, -0.806, -0.144, -1.024, -0.177, -0.259, -0.024],
  threshold: 0.30,
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
