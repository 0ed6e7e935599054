/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * `npm run eval:fit -- --write` on the fit sets of every eval corpus pooled (eval/dev.jsonl, eval/questions-extra-dev.jsonl, eval/questions-extra-dev2.jsonl, eval/questions-extra-dev3.jsonl, eval/corpora/anki-manual.jsonl, eval/corpora/beaglebone-black-srm.jsonl, eval/corpora/debezium-transformations.jsonl, eval/corpora/dive-into-python3.jsonl, eval/corpora/gao-peak-oil.jsonl, eval/corpora/gsa-coe-toolkit.jsonl, eval/corpora/juliacon-papers.jsonl, eval/corpora/man-pages.jsonl, eval/corpora/mdn-http.jsonl, eval/corpora/nist-csf.jsonl, eval/corpora/openssh-docs.jsonl, eval/corpora/plain-text.jsonl, eval/corpora/pythia-notebooks.jsonl, eval/corpora/restic-manual.jsonl, eval/corpora/shell-novice.jsonl, eval/corpora/site-policy.jsonl, eval/corpora/up-from-slavery.jsonl, eval/corpora/wcag-understanding.jsonl), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (`extractive/sentence-features.ts`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ["bias", "coverage", "exactCoverage", "termFraction", "sentenceDense", "passageDense", "passageLexical", "passageRankInverse", "typeMatch", "typeMiss", "length", "field", "figuresPresent", "novelty", "unknownTerms", "missingSalience", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage", "leadsIn"],
  weights: [-2.510, 0.845, 0.721, 0.683, 0.688, 0.110, 1.360, 1.162, 0.641, -0.835, 0.198, 0.059, 0.263, -0.521, 0.015, 0.053, -0.319, -0.134, -0.139, 0.871, 0.304, -0.175],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: 0.58,
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ["bias", "leadScore", "leadMargin", "nearestPassage", "coverage", "termFraction", "sentenceDense", "missingSalience", "unknownTerms", "typeMatch", "unknownEntities", "unknownSpecific", "qualifierMissing", "focusCoverage", "answerCoverage"],
  weights: [-1.158, 0.854, 0.510, 0.369, 0.569, 0.528, 0.833, -0.387, -0.828, -0.203, -0.981, -0.490, -0.166, -0.175, 0.110],
  threshold: 0.30,
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
