import 'dotenv/config';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { answerableFeatures, leadSentence, scoreSentences, selectSentences, type ScoredQuestion, type ScoredSentence, type SelectionThresholds } from '../answer/extractive-answer.js';
import { ANSWERABLE_MODEL, SENTENCE_MODEL } from '../answer/sentence-model.js';
import { loadConfig } from '../config.js';
import { createEmbedder } from '../embeddings/create-embedder.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { retrieve } from '../retrieve/hybrid-retrieve.js';
import { ABSTAIN_TYPES, readEvalSet } from './eval-set.js';
import { evidenceSpans, overlaps } from './run-eval.js';

/**
 * `npm run eval:fit`: fits the sentence model (logistic regression, L2) on the dev sets and picks the abstention
 * threshold, then rewrites src/answer/sentence-model.ts. Sentences from the retrieved passages of each question are
 * the examples; a sentence is positive when it overlaps a gold evidence span.
 */
/** Below issue 4's bound (0.05), with room for the held-out questions to be a little harder than the dev ones. */
const MAX_FALSE_ABSTENTION = 0.04;

const sigmoid = (x: number[], weights: number[]) => 1 / (1 + Math.exp(-x.reduce((sum, value, i) => sum + value * weights[i]!, 0)));

/** L2-regularised logistic regression by batch gradient descent on the log loss; the rarer class is up-weighted so
 * both count equally. */
function fitLogistic(examples: { x: number[]; y: number }[], dimension: number): number[] {
  const positives = examples.filter((example) => example.y === 1).length;
  const positiveWeight = (examples.length - positives) / Math.max(1, positives);
  const lambda = 0.01;
  const weights = new Array<number>(dimension).fill(0);
  for (let epoch = 0; epoch < 4000; epoch += 1) {
    const gradient = new Array<number>(dimension).fill(0);
    let totalWeight = 0;
    for (const { x, y } of examples) {
      const p = sigmoid(x, weights);
      const w = y === 1 ? positiveWeight : 1;
      totalWeight += w;
      for (let i = 0; i < dimension; i += 1) gradient[i]! += w * (p - y) * x[i]!;
    }
    for (let i = 0; i < dimension; i += 1) weights[i]! -= 0.5 * (gradient[i]! / totalWeight + (i === 0 ? 0 : lambda * weights[i]!));
  }
  return weights;
}

interface FitQuestion extends ScoredQuestion {
  answerable: boolean;
  candidates: { x: number[]; y: number }[];
}

interface FittedModels {
  weights: number[];
  answerableWeights: number[];
  chosen: SelectionThresholds;
}

interface Outcome {
  answerable: boolean;
  abstained: boolean;
  /** The answer's lead sentence is gold evidence (answerable questions). */
  leadIsEvidence: boolean;
}

/** The questions' sentences rescored by a fitted sentence model, best first. */
function rescore(questions: FitQuestion[], weights: number[]) {
  return questions.map((question) => ({
    ...question,
    sentences: question.sentences
      .map((sentence, i) => ({ ...sentence, score: sigmoid(sentence.features, weights), gold: question.candidates[i]!.y === 1 }))
      .sort((a, b) => b.score - a.score || a.passageRank - b.passageRank),
  }));
}

/** Both models and their thresholds, fitted on `questions`. */
function fitModels(questions: FitQuestion[], examples: { x: number[]; y: number }[]): FittedModels {
  // Positives are rare (about one in twenty), so they are up-weighted.
  const weights = fitLogistic(examples, SENTENCE_MODEL.features.length);
  const rescored = rescore(questions, weights);
  // The question-level model: is the question answered at all, judged from the sentence the answer would lead with.
  const leads = rescored.map((q) => ({ answerable: q.answerable, lead: leadSentence(q.sentences, q.answerType) }));
  const answerableWeights = fitLogistic(
    leads.flatMap(({ answerable, lead }) => (lead ? [{ x: answerableFeatures(lead), y: answerable ? 1 : 0 }] : [])),
    ANSWERABLE_MODEL.features.length,
  );
  // Thresholds: abstention as the answerer decides it (both models plus the answer-type and named-figure gates). The
  // issue's targets are a bound on withheld answers (false abstention ≤ 0.05) and a floor on abstention: the
  // thresholds abstain as often as they can while withholding at most MAX_FALSE_ABSTENTION of the answerable questions.
  let chosen: SelectionThresholds = { abstainBelow: 0.5, answerable: { weights: answerableWeights, threshold: 0.5 } };
  let best = { abstained: -1, falseAbstained: Infinity };
  const answerableCount = rescored.filter((q) => q.answerable).length;
  for (let floor = 0.02; floor < 0.9; floor += 0.02) {
    for (let t = 0.02; t < 0.98; t += 0.02) {
      const thresholds = { abstainBelow: floor, answerable: { weights: answerableWeights, threshold: t } };
      const outcome = rescored.map((q) => ({ answerable: q.answerable, abstained: selectSentences(q, thresholds).length === 0 }));
      const falseAbstained = outcome.filter((q) => q.answerable && q.abstained).length;
      const abstained = outcome.filter((q) => !q.answerable && q.abstained).length;
      if (falseAbstained > MAX_FALSE_ABSTENTION * answerableCount) continue;
      if (abstained > best.abstained || (abstained === best.abstained && falseAbstained < best.falseAbstained)) {
        best = { abstained, falseAbstained };
        chosen = thresholds;
      }
    }
  }
  return { weights, answerableWeights, chosen };
}

/** How the fitted models treat `questions`: abstained or not, and whether the answer leads with gold evidence. */
function outcomeOf(questions: FitQuestion[], models: FittedModels): Outcome[] {
  return rescore(questions, models.weights).map((q) => {
    const chosen = selectSentences(q, models.chosen);
    const lead = leadSentence(q.sentences, q.answerType) as (ScoredSentence & { gold: boolean }) | undefined;
    return { answerable: q.answerable, abstained: chosen.length === 0, leadIsEvidence: chosen.length > 0 && lead !== undefined && lead.gold };
  });
}

function describe(outcome: Outcome[]): string {
  const answerable = outcome.filter((q) => q.answerable);
  const unanswerable = outcome.filter((q) => !q.answerable);
  const share = (part: Outcome[], of: Outcome[]) => (part.length / Math.max(1, of.length)).toFixed(3);
  return `false abstention ${share(answerable.filter((q) => q.abstained), answerable)}, abstention ${share(unanswerable.filter((q) => q.abstained), unanswerable)}, lead is evidence ${share(answerable.filter((q) => q.leadIsEvidence), answerable)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { set: { type: 'string', multiple: true }, write: { type: 'boolean', default: false }, cv: { type: 'boolean', default: false } } });
  const sets = values.set?.length ? values.set : ['eval/dev.jsonl', 'eval/questions-extra-dev.jsonl', 'eval/questions-extra-dev2.jsonl'];
  if (sets.some((set) => set.includes('test'))) throw new Error('Refusing to fit on a test split.');
  const config = loadConfig();
  const index = await ensureIndex(config, await createEmbedder(config), (line) => console.error(line));
  const items = (await Promise.all(sets.map((set) => readEvalSet(set)))).flat();

  const examples: { x: number[]; y: number }[] = [];
  const questions: FitQuestion[] = [];
  for (const item of items) {
    const history = item.history ?? [];
    const retrieved = await retrieve({ index, question: item.question, history, topK: config.retrieval.topK });
    const { sentences, answerType, focus } = scoreSentences({ index, query: retrieved.query, question: item.question, passages: retrieved.passages, queryVector: retrieved.queryVector });
    const gold = evidenceSpans(item.evidence, index.documents.values());
    const candidates = sentences.map((sentence) => {
      const where = { sourceId: sentence.span.chunk.sourceId, start: sentence.span.start, end: sentence.span.end };
      return { x: sentence.features, y: gold.some((span) => overlaps(where, span)) ? 1 : 0 };
    });
    examples.push(...candidates);
    questions.push({ answerable: !ABSTAIN_TYPES.has(item.type), question: item.question, answerType, focus, sentences, candidates });
  }

  const fitted = fitModels(questions, examples);
  const { weights, answerableWeights, chosen } = fitted;
  const outcome = outcomeOf(questions, fitted);
  console.log(`examples ${examples.length} (${examples.filter((example) => example.y === 1).length} positive), questions ${questions.length}`);
  console.log(`weights ${SENTENCE_MODEL.features.map((name, i) => `${name}=${weights[i]!.toFixed(3)}`).join(' ')}`);
  console.log(`answerable ${ANSWERABLE_MODEL.features.map((name, i) => `${name}=${answerableWeights[i]!.toFixed(3)}`).join(' ')}`);
  console.log(`thresholds sentence ${chosen.abstainBelow.toFixed(2)}, answerable ${chosen.answerable!.threshold.toFixed(2)}: ${describe(outcome)} (in sample)`);
  if (values.cv) {
    // Cross-validation: each fold's questions are judged by models fitted without them, an estimate of how the
    // models do on questions they were not fitted on (the test split's situation).
    const folds = 5;
    const held: Outcome[] = [];
    for (let fold = 0; fold < folds; fold += 1) {
      const inFold = (_: unknown, i: number) => i % folds === fold;
      const train = questions.filter((q, i) => !inFold(q, i));
      const model = fitModels(train, train.flatMap((q) => q.candidates));
      const foldOutcome = outcomeOf(questions.filter(inFold), model);
      console.log(`  fold ${fold}: thresholds ${model.chosen.abstainBelow.toFixed(2)}/${model.chosen.answerable!.threshold.toFixed(2)} ${describe(foldOutcome)}`);
      held.push(...foldOutcome);
    }
    console.log(`${folds}-fold cross-validation: ${describe(held)}`);
  }

  if (values.write) {
    const source = `/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * \`npm run eval:fit -- --write\` on the dev sets only (${sets.join(', ')}), never on eval/test.jsonl;
 * regenerate it after changing the features. Feature order must match \`scoreSentences\`.
 */
export const SENTENCE_MODEL = {
  features: ${JSON.stringify(SENTENCE_MODEL.features)},
  weights: [${weights.map((weight) => weight.toFixed(3)).join(', ')}],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: ${chosen.abstainBelow.toFixed(2)},
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ${JSON.stringify(ANSWERABLE_MODEL.features)},
  weights: [${answerableWeights.map((weight) => weight.toFixed(3)).join(', ')}],
  threshold: ${chosen.answerable!.threshold.toFixed(2)},
} as const;
`;
    await writeFile('src/answer/sentence-model.ts', source.replace(/","/g, '", "'));
    console.log('wrote src/answer/sentence-model.ts');
  }
}

main().catch((error: unknown) => {
  console.error(`fit failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
