/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the fit sets of every eval corpus pooled (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl, eval/corpora/anki-manual.jsonl, eval/corpora/beaglebone-black-srm.jsonl, eval/corpora/dive-into-python3.jsonl, eval/corpora/gao-peak-oil.jsonl, eval/corpora/gsa-coe-toolkit.jsonl, eval/corpora/juliacon-papers.jsonl, eval/corpora/mdn-http.jsonl, eval/corpora/nist-csf.jsonl, eval/corpora/plain-text.jsonl, eval/corpora/shell-novice.jsonl, eval/corpora/site-policy.jsonl, eval/corpora/up-from-slavery.jsonl, eval/corpora/wcag-understanding.jsonl), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (`extractive/sentence-features.ts`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "field", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-2.606, 0.887, 0.744, 0.693, 0.762, 0.125, 1.308, 1.132, 0.647, -0.641, 0.219, 0.103, 0.292, -0.453, 0.029, 0.051, -0.344, -0.154, -0.164, 0.836, 0.352],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.60,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "leadMargin", "nearestPassage", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-0.991, 0.850, 0.567, 0.334, 0.700, 0.468, 0.822, -0.646, -0.797, -0.099, -0.941, -0.455, -0.056, -0.176, -0.010],
  threshold: 0.30,
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
