/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the fit sets of every eval corpus pooled (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl, eval/corpora/anki-manual.jsonl, eval/corpora/beaglebone-black-srm.jsonl, eval/corpora/debezium-transformations.jsonl, eval/corpora/dive-into-python3.jsonl, eval/corpora/gao-peak-oil.jsonl, eval/corpora/gsa-coe-toolkit.jsonl, eval/corpora/juliacon-papers.jsonl, eval/corpora/man-pages.jsonl, eval/corpora/mdn-http.jsonl, eval/corpora/nist-csf.jsonl, eval/corpora/openssh-docs.jsonl, eval/corpora/plain-text.jsonl, eval/corpora/pythia-notebooks.jsonl, eval/corpora/restic-manual.jsonl, eval/corpora/shell-novice.jsonl, eval/corpora/site-policy.jsonl, eval/corpora/up-from-slavery.jsonl, eval/corpora/wcag-understanding.jsonl), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (`extractive/sentence-features.ts`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "field", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage", "leadsIn"],
  weights: [-2.554, 0.845, 0.722, 0.687, 0.714, 0.126, 1.364, 1.158, 0.604, -0.631, 0.183, 0.048, 0.274, -0.525, 0.026, 0.063, -0.316, -0.120, -0.152, 0.892, 0.316, -0.194],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.58,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "leadMargin", "nearestPassage", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-1.100, 0.862, 0.580, 0.350, 0.574, 0.526, 0.789, -0.478, -0.814, -0.104, -0.991, -0.470, -0.122, -0.164, 0.015],
  threshold: 0.30,
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
