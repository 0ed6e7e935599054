import 'dotenv/config';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ANSWERABLE_FEATURE_NAMES, SENTENCE_FEATURE_NAMES } from '../answer/extractive/sentence-features.js';
import { loadConfig } from '../config.js';
import { createEmbedder } from '../embeddings/create-embedder.js';
import { evalIndex, listEvalCorpora } from './eval-corpora.js';
import { readEvalSet } from './eval-set.js';
import {
  collectFitQuestions,
  describe,
  fitModels,
  MAX_FALSE_ABSTENTION,
  outcomeOf,
  unitsOf,
  type FitQuestion,
  type FittedModels,
  type Outcome,
} from './fit-models.js';

/**
 * `npm run eval:fit`: fits the sentence model and the question-level model, and picks the abstention thresholds, on
 * the fit sets of every eval corpus pooled (never on a held-out set such as eval/test.jsonl); `--write` rewrites
 * src/answer/sentence-model.ts. `--loco` reports leave-one-corpus-out (fit on the others, judge the one left out);
 * with `--oracle` also the most abstention thresholds chosen on the left-out corpus's own labels could reach within
 * the false-abstention bound, a ceiling no threshold rule can pass with these models. `--cv` 5-fold cross-validation
 * over the pooled questions, `--curve` what abstention costs at looser bounds.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      write: { type: 'boolean', default: false },
      cv: { type: 'boolean', default: false },
      curve: { type: 'boolean', default: false },
      loco: { type: 'boolean', default: false },
      oracle: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig();
  const embedder = await createEmbedder(config);
  const byCorpus = new Map<string, FitQuestion[]>();
  const sets: string[] = [];
  for (const corpus of await listEvalCorpora()) {
    const { index } = await evalIndex(corpus, config, embedder, 'index/eval', (line) => console.error(line));
    const items = (await Promise.all(corpus.fitSets.map((set) => readEvalSet(set)))).flat();
    sets.push(...corpus.fitSets);
    byCorpus.set(corpus.name, await collectFitQuestions(corpus.name, index, items, config.retrieval.topK));
  }
  if (sets.some((set) => set.includes('test'))) throw new Error('Refusing to fit on a test split.');
  const questions = [...byCorpus.values()].flat();
  const examples = questions.flatMap((q) => unitsOf(q).flatMap((unit) => unit.candidates));
  const fitted = fitModels(questions);
  const { weights, answerableWeights, chosen } = fitted;
  const outcome = outcomeOf(questions, fitted);
  console.log(
    `examples ${examples.length} (${examples.filter((example) => example.y === 1).length} positive), questions ${questions.length} (${questions.filter((q) => q.refused).length} refused before scoring)`,
  );
  console.log(`weights ${SENTENCE_FEATURE_NAMES.map((name, i) => `${name}=${weights[i]!.toFixed(3)}`).join(' ')}`);
  console.log(`answerable ${ANSWERABLE_FEATURE_NAMES.map((name, i) => `${name}=${answerableWeights[i]!.toFixed(3)}`).join(' ')}`);
  console.log(
    `thresholds sentence ${chosen.abstainBelow.toFixed(2)}, answerable ${chosen.answerable!.threshold.toFixed(2)}: ${describe(outcome)} (in sample; ${fitted.gateFalseAbstentions} answerable questions withheld by the gates alone)`,
  );
  // Cross-validation: each fold's questions are judged by models fitted without them, an estimate of how the models
  // do on questions they were not fitted on (the test split's situation).
  const crossValidate = (maxFalseAbstention: number, log: boolean): Outcome[] => {
    const folds = 5;
    const held: Outcome[] = [];
    for (let fold = 0; fold < folds; fold += 1) {
      const inFold = (_: unknown, i: number) => i % folds === fold;
      const model = fitModels(
        questions.filter((q, i) => !inFold(q, i)),
        maxFalseAbstention,
      );
      const foldOutcome = outcomeOf(questions.filter(inFold), model);
      if (log)
        console.log(
          `  fold ${fold}: thresholds ${model.chosen.abstainBelow.toFixed(2)}/${model.chosen.answerable!.threshold.toFixed(2)} ${describe(foldOutcome)}`,
        );
      held.push(...foldOutcome);
    }
    return held;
  };
  if (values.loco) {
    // Leave-one-corpus-out: what a user with a folder of their own gets (the models never saw their documents).
    for (const [name, held] of byCorpus) {
      const model = fitModels([...byCorpus].filter(([other]) => other !== name).flatMap(([, list]) => list));
      console.log(
        `  ${name} left out: thresholds ${model.chosen.abstainBelow.toFixed(2)}/${model.chosen.answerable!.threshold.toFixed(2)} ${describe(outcomeOf(held, model))}`,
      );
      if (values.oracle) console.log(`    ${describeOracle(held, model)}`);
    }
  }
  if (values.cv) console.log(`5-fold cross-validation: ${describe(crossValidate(MAX_FALSE_ABSTENTION, true))}`);
  if (values.curve) {
    // What abstention costs: the thresholds fitted for looser bounds on withheld answers, judged by cross-validation.
    console.log('bound on false abstention (fit) | cross-validated false abstention, abstention, lead is evidence');
    for (const bound of [0.02, 0.04, 0.08, 0.12, 0.16, 0.2, 0.3]) console.log(`${bound.toFixed(2)} | ${describe(crossValidate(bound, false))}`);
  }

  if (values.write) {
    const source = `/**
 * Logistic model that scores a candidate sentence: P(it is the evidence that answers the question). Fitted by
 * \`npm run eval:fit -- --write\` on the fit sets of every eval corpus pooled (${sets.join(', ')}), never on a
 * held-out set such as eval/test.jsonl; regenerate it after changing the features. Features are read by name
 * (\`extractive/sentence-features.ts\`); the answerer refuses to load a model naming other features than it produces.
 */
export const SENTENCE_MODEL = {
  features: ${JSON.stringify(SENTENCE_FEATURE_NAMES)},
  weights: [${weights.map((weight) => weight.toFixed(3)).join(', ')}],
  /** Below this probability for the best sentence, the sources are taken not to answer. */
  abstainBelow: ${chosen.abstainBelow.toFixed(2)},
} as const;

/** Question-level: P(the sources answer the question) from the lead sentence's evidence. Fitted by the same command. */
export const ANSWERABLE_MODEL = {
  features: ${JSON.stringify(ANSWERABLE_FEATURE_NAMES)},
  weights: [${answerableWeights.map((weight) => weight.toFixed(3)).join(', ')}],
  threshold: ${chosen.answerable!.threshold.toFixed(2)},
} as const;

/** The fitted models an extractive answerer scores and abstains with: the generated ones above by default, others
 * when the eval judges a corpus with models fitted without it (leave-one-corpus-out). */
export interface AnswerModels {
  sentence: { features: readonly string[]; weights: readonly number[]; abstainBelow: number };
  answerable: { features: readonly string[]; weights: readonly number[]; threshold: number };
}

export const FITTED_MODELS: AnswerModels = { sentence: SENTENCE_MODEL, answerable: ANSWERABLE_MODEL };
`;
    await writeFile('src/answer/sentence-model.ts', source.replace(/","/g, '", "'));
    console.log('wrote src/answer/sentence-model.ts');
  }
}

/**
 * The thresholds that abstain most on `held`'s unanswerable questions while withholding at most MAX_FALSE_ABSTENTION
 * of its answerable ones, chosen with `held`'s own labels: how far any choice of thresholds
 * could take abstention there with these models. A diagnostic, never a way to set thresholds.
 */
function describeOracle(held: FitQuestion[], model: FittedModels): string {
  let best: { floor: number; threshold: number; outcome: Outcome[]; abstained: number } | undefined;
  // The fit's grid (fitModels: steps of 0.02 on both), the sentence floor in steps twice as wide: every point rescores
  // the corpus whole, and the answerable threshold decides most abstentions.
  for (let i = 0; i * 0.04 < 0.9; i += 1) {
    const floor = i * 0.04;
    for (let j = 0; j * 0.02 < 0.98; j += 1) {
      const threshold = j * 0.02;
      const chosen = { ...model.chosen, abstainBelow: floor, answerable: { ...model.chosen.answerable!, threshold } };
      const outcome = outcomeOf(held, { ...model, chosen });
      const answerable = outcome.filter((q) => q.answerable);
      if (answerable.filter((q) => q.abstained).length > MAX_FALSE_ABSTENTION * answerable.length) continue;
      const abstained = outcome.filter((q) => !q.answerable && q.abstained).length;
      if (!best || abstained > best.abstained) best = { floor, threshold, outcome, abstained };
    }
  }
  return best ? `oracle thresholds ${best.floor.toFixed(2)}/${best.threshold.toFixed(2)} ${describe(best.outcome)}` : 'oracle: no thresholds within the bound';
}

main().catch((error: unknown) => {
  console.error(`fit failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
