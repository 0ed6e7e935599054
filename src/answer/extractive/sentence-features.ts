/**
 * The sentence features the scorer produces, by name. A fitted model lists the names it weighs (`features` in
 * `../sentence-model.ts`); a sentence's vector is read in that order, so a model and the scorer agree by name, not
 * by position.
 */
export const SENTENCE_FEATURE_NAMES = [
  /** Always 1: the model's intercept. */
  'bias',
  /** Idf-weighted share of the question in the sentence (synonyms and the heading for part). */
  'coverage',
  /** The same, the question's own words only. */
  'exactCoverage',
  /** Unweighted share of the question's own terms the sentence has. */
  'termFraction',
  /** Cosine of the sentence's vector to the question's. */
  'sentenceDense',
  /** Cosine of its passage's vector to the question's. */
  'passageDense',
  /** Its passage's BM25 score over the best retrieved passage's. */
  'passageLexical',
  /** 1 / (its passage's rank + 1). */
  'passageRankInverse',
  /** It holds an answer of the expected type (typed questions only). */
  'typeMatch',
  /** It holds none (typed questions only). */
  'typeMiss',
  /** Its length, capped and scaled. */
  'length',
  /** It is a labelled field. */
  'field',
  /** The figures the question names occur in its section. */
  'figuresPresent',
  /** Share of its terms the question lacks. */
  'novelty',
  /** Share of the question's own terms the corpus lacks. */
  'unknownTerms',
  /** The idf (scaled) of the most informative question word it lacks. */
  'missingSalience',
  /** Share of the question's names the corpus lacks. */
  'unknownEntities',
  /** 1 when the question has a word neither the corpus nor the dictionary knows (`unknownSpecific`). */
  'unknownSpecific',
  /** 1 when it lacks a qualifier of the question ("first", "before"). */
  'qualifierMissing',
  /** Share of the words saying what is asked that it has. */
  'focusCoverage',
  /** For "how many"/"when": the question's share found by a figure of the sentence. */
  'answerCoverage',
  /** 1 when what would be quoted ends in a colon: it introduces what follows (an example, code, a table) without it. */
  'leadsIn',
] as const;

/** What the question-level model reads: sentence features of the lead, its intercept, the lead's own score and margin,
 * and how near the question the nearest passage read is. */
export const ANSWERABLE_FEATURE_NAMES = [
  'bias',
  'leadScore',
  'leadMargin',
  'nearestPassage',
  'coverage',
  'termFraction',
  'sentenceDense',
  'missingSalience',
  'unknownTerms',
  'typeMatch',
  'unknownEntities',
  'unknownSpecific',
  'qualifierMissing',
  'focusCoverage',
  'answerCoverage',
] as const;

export type SentenceFeatureName = (typeof SENTENCE_FEATURE_NAMES)[number];

/** A sentence's features, by name. */
export type SentenceFeatures = Record<SentenceFeatureName, number>;

const PRODUCED = new Set<string>(SENTENCE_FEATURE_NAMES);

/** What the question-level model may read besides the sentence features: its intercept, the lead's score, its
 * margin over the best other sentence and the cosine of the passage read nearest the question. */
export const ANSWERABLE_EXTRA_NAMES = ['bias', 'leadScore', 'leadMargin', 'nearestPassage'] as const;

export type AnswerableExtraName = (typeof ANSWERABLE_EXTRA_NAMES)[number];

const ANSWERABLE_EXTRAS = new Set<string>(ANSWERABLE_EXTRA_NAMES);

/** Whether the question-level model's feature `name` is one of its extras rather than a sentence feature. */
export const isAnswerableExtra = (name: string): name is AnswerableExtraName => ANSWERABLE_EXTRAS.has(name);

/**
 * Throws unless the models read what the scorer produces: the sentence model names exactly the sentence features
 * (a model weighing a feature that is not produced, or missing one that is, was fitted for another scorer and must
 * be refitted), and the question-level model only sentence features, its bias and the lead's score.
 */
export function checkModelFeatures(models: {
  sentence: { features: readonly string[]; weights: readonly number[] };
  answerable: { features: readonly string[]; weights: readonly number[] };
}): void {
  const { sentence, answerable } = models;
  const unknown = sentence.features.filter((name) => !PRODUCED.has(name));
  const missing = SENTENCE_FEATURE_NAMES.filter((name) => !sentence.features.includes(name));
  const unread = answerable.features.filter((name) => !PRODUCED.has(name) && !isAnswerableExtra(name));
  const problems = [
    unknown.length > 0 ? `the sentence model names features the scorer does not produce: ${unknown.join(', ')}` : '',
    missing.length > 0 ? `the sentence model lacks features the scorer produces: ${missing.join(', ')}` : '',
    new Set(sentence.features).size !== sentence.features.length ? 'the sentence model names a feature twice' : '',
    unread.length > 0 ? `the question-level model names unknown features: ${unread.join(', ')}` : '',
    sentence.weights.length !== sentence.features.length || answerable.weights.length !== answerable.features.length
      ? 'a model has not one weight per feature'
      : '',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`The answer models do not fit the scorer (${problems.join('; ')}): refit them with npm run eval:fit -- --write.`);
}

/** The features as a vector in `order` (a model's feature names; the scorer's for fitting a new model). */
export function sentenceVector(features: SentenceFeatures, order: readonly string[]): number[] {
  return order.map((name) => features[name as SentenceFeatureName]);
}
