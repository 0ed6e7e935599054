/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the fit sets of every eval corpus pooled (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl, eval/corpora/anki-manual.jsonl, eval/corpora/beaglebone-black-srm.jsonl, eval/corpora/debezium-transformations.jsonl, eval/corpora/dive-into-python3.jsonl, eval/corpora/gao-peak-oil.jsonl, eval/corpora/gsa-coe-toolkit.jsonl, eval/corpora/juliacon-papers.jsonl, eval/corpora/man-pages.jsonl, eval/corpora/mdn-http.jsonl, eval/corpora/nist-csf.jsonl, eval/corpora/openssh-docs.jsonl, eval/corpora/plain-text.jsonl, eval/corpora/pythia-notebooks.jsonl, eval/corpora/restic-manual.jsonl, eval/corpora/shell-novice.jsonl, eval/corpora/site-policy.jsonl, eval/corpora/up-from-slavery.jsonl, eval/corpora/wcag-understanding.jsonl), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (`extractive/sentence-features.ts`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "field", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage", "leadsIn"],
  weights: [-2.567, 0.850, 0.726, 0.690, 0.719, 0.132, 1.371, 1.158, 0.600, -0.579, 0.186, 0.046, 0.271, -0.530, 0.025, 0.062, -0.311, -0.112, -0.154, 0.898, 0.322, -0.189],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.58,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "leadMargin", "nearestPassage", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-1.115, 0.835, 0.512, 0.367, 0.540, 0.506, 0.794, -0.461, -0.794, -0.086, -0.984, -0.469, -0.187, -0.101, -0.014],
  threshold: 0.30,
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
