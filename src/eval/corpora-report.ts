import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createExtractiveAnswerer } from '../answer/extractive-answerer.js';
import { fileIndexReader } from '../store/file-index-reader.js';
import { FITTED_MODELS, type AnswerModels } from '../answer/sentence-model.js';
import type { Config } from '../config.js';
import { hasNoWebMarkup } from '../corpus/file-format.js';
import { documentId, readCorpusFiles } from '../corpus/load-corpus.js';
import type { Embedder } from '../embeddings/embedder.js';
import type { LoadedIndex } from '../store/index-files.js';
import { evalIndex, listEvalCorpora, type EvalCorpus, type IngestCost } from './eval-corpora.js';
import { longPdfCorpus } from './long-pdf.js';
import { readEvalSet, type EvalItem } from './eval-set.js';
import { answerModelsOf, collectFitQuestions, fitModels, type FitQuestion, type FittedModels } from './fit-models.js';
import { levelFailures, runEval, type ItemResult, type Levels, type Scorecard } from './run-eval.js';

/** One row of the report: a question set judged with one set of models. */
export interface CorpusRow {
  corpus: string;
  /** `loco`: models fitted on the other corpora only; `fitted`: the committed models (fitted on every corpus). */
  models: 'loco' | 'fitted';
  set: string;
  scorecard: Scorecard;
  results: ItemResult[];
}

export interface CorporaReport {
  rows: CorpusRow[];
  ingest: Record<string, IngestCost | undefined>;
  /** Models fitted on every corpus's fit sets pooled: what `--write` commits. */
  pooled: FittedModels;
}

interface LoadedCorpus {
  corpus: EvalCorpus;
  index: LoadedIndex;
  fitItems: EvalItem[];
  heldOutItems: EvalItem[];
  questions: FitQuestion[];
  sources: Map<string, string | null>;
}

const readSets = async (sets: string[]) => (await Promise.all(sets.map((set) => readEvalSet(set)))).flat();

/**
 * Every eval corpus judged twice: leave-one-corpus-out (models fitted on the other corpora: the estimate of what a
 * user gets on a folder of their own, the headline) and with the committed models. The IOM test split is judged with
 * both and never fitted on.
 */
export async function corporaReport(options: {
  config: Config;
  embedder: Embedder;
  indexRoot: string;
  only?: string[];
  log: (line: string) => void;
}): Promise<CorporaReport> {
  const { config, embedder, log } = options;
  const topK = config.retrieval.topK;
  const loaded: LoadedCorpus[] = [];
  const ingest: Record<string, IngestCost | undefined> = {};
  for (const corpus of await listEvalCorpora()) {
    const { index, cost } = await evalIndex(corpus, config, embedder, options.indexRoot, log);
    ingest[corpus.name] = cost;
    const fitItems = await readSets(corpus.fitSets);
    const heldOutItems = await readSets(corpus.heldOutSets);
    const sources = new Map(
      (await readCorpusFiles(corpus.corpusDir)).files.map((file) => [documentId(file.file), hasNoWebMarkup(file.file) ? null : file.text]),
    );
    loaded.push({ corpus, index, fitItems, heldOutItems, questions: await collectFitQuestions(corpus.name, index, fitItems, topK), sources });
  }
  // A long PDF is ingested too, for its time and peak memory only (it has no questions).
  const longPdf = await longPdfCorpus(options.indexRoot);
  ingest[longPdf.name] = (await evalIndex(longPdf, config, embedder, options.indexRoot, log)).cost;
  const pooled = fitModels(loaded.flatMap((entry) => entry.questions));
  const rows: CorpusRow[] = [];
  const judge = async (entry: LoadedCorpus, models: AnswerModels, label: CorpusRow['models'], set: string, items: EvalItem[]) => {
    if (items.length === 0) return;
    const answerer = createExtractiveAnswerer(() => fileIndexReader(entry.index), models);
    const { scorecard, results } = await runEval({ items, answerer, index: entry.index, systemPrompt: '', topK, sources: entry.sources });
    rows.push({ corpus: entry.corpus.name, models: label, set, scorecard, results });
  };
  for (const entry of loaded) {
    if (options.only && !options.only.includes(entry.corpus.name)) continue;
    const others = loaded.filter((other) => other !== entry).flatMap((other) => other.questions);
    const loco = answerModelsOf(fitModels(others));
    log(`${entry.corpus.name}: judging ${entry.fitItems.length + entry.heldOutItems.length} questions`);
    await judge(entry, loco, 'loco', 'fit sets', entry.fitItems);
    await judge(entry, loco, 'loco', 'held out', entry.heldOutItems);
    await judge(entry, FITTED_MODELS, 'fitted', 'fit sets', entry.fitItems);
    await judge(entry, FITTED_MODELS, 'fitted', 'held out', entry.heldOutItems);
  }
  return { rows, ingest, pooled };
}

const COLUMNS: [keyof Scorecard, string][] = [
  ['questions', 'questions'],
  ['answerAccuracy', 'accuracy'],
  ['evidenceCited', 'evidence cited'],
  ['recallAt5', 'recall@5'],
  ['answerInReach', 'answer in reach'],
  ['abstention', 'abstention'],
  ['falseAbstention', 'false abstention'],
  ['injectionHeld', 'injection held'],
  ['citationsVerbatim', 'verbatim'],
  ['markupQuotes', 'markup quotes'],
];

const cell = (key: keyof Scorecard, value: number) => (key === 'questions' || key === 'markupQuotes' ? String(value) : value.toFixed(2));

/** The report as Markdown tables: leave-one-corpus-out first (the headline), then the committed models, then ingest. */
export function renderCorporaReport(report: CorporaReport): string {
  const table = (models: CorpusRow['models']) => [
    `| corpus | set | ${COLUMNS.map(([, label]) => label).join(' | ')} |`,
    `| --- | --- | ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...report.rows
      .filter((row) => row.models === models)
      .map((row) => `| ${row.corpus} | ${row.set} | ${COLUMNS.map(([key]) => cell(key, row.scorecard[key])).join(' | ')} |`),
  ];
  const ingest = [
    '| corpus | chunks | ingest time | peak memory |',
    '| --- | --- | --- | --- |',
    ...Object.entries(report.ingest).map(([name, cost]) =>
      cost ? `| ${name} | ${cost.chunks} | ${(cost.ms / 1000).toFixed(1)} s | ${cost.peakMemoryMb} MB |` : `| ${name} | — | — | — |`,
    ),
  ];
  // Per question type, leave-one-corpus-out, every corpus's fit sets together: where the answerer is weak.
  const locoResults = report.rows.filter((row) => row.models === 'loco' && row.set === 'fit sets').flatMap((row) => row.results);
  const share = (values: (boolean | null)[]) => {
    const counted = values.filter((value): value is boolean => value !== null);
    return counted.length ? (counted.filter(Boolean).length / counted.length).toFixed(2) : '—';
  };
  const byType = [
    '| type | questions | accuracy | evidence cited | evidence in top 5 | answer in reach | abstained |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...[...new Set(locoResults.map((result) => result.type))].map((type) => {
      const ofType = locoResults.filter((result) => result.type === type);
      const ranked = ofType.map((result) => (result.evidenceCited === null ? null : result.evidenceRank !== null));
      return `| ${type} | ${ofType.length} | ${share(ofType.map((result) => result.correct))} | ${share(ofType.map((result) => result.evidenceCited))} | ${share(ranked)} | ${share(ofType.map((result) => result.answerInReach))} | ${share(ofType.map((result) => result.abstained))} |`;
    }),
  ];
  return [
    '### Leave-one-corpus-out (models fitted on the other corpora)',
    '',
    ...table('loco'),
    '',
    "By question type (leave-one-corpus-out, every corpus's fit sets together):",
    '',
    ...byType,
    '',
    '### Committed models (fitted on every corpus; the IOM test split is never fitted on)',
    '',
    ...table('fitted'),
    '',
    '### Ingest (a separate `npm run ingest -- --full` process per corpus, this machine)',
    '',
    ...ingest,
    '',
  ].join('\n');
}

/** Thresholds per corpus, models and set: `{ "mdn-http": { "loco": { "fit sets": { "min": {…}, "max": {…} } } } }`. */
type Thresholds = Record<string, Partial<Record<CorpusRow['models'], Record<string, Levels>>>>;

/** The rows below their recorded levels (one line each); a corpus, models or set without levels is not checked. */
export async function checkCorporaReport(report: CorporaReport, file: string): Promise<string[]> {
  const thresholds = JSON.parse(await readFile(file, 'utf8')) as Thresholds;
  const failures: string[] = [];
  for (const row of report.rows) {
    const levels = thresholds[row.corpus]?.[row.models]?.[row.set];
    if (!levels) continue;
    failures.push(...levelFailures(row.scorecard, levels).map((failure) => `${row.corpus} (${row.models}, ${row.set}): ${failure}`));
  }
  return failures;
}

/** Questions of slack each recorded level leaves: a change that costs a corpus more answers than this fails CI. */
const RECORD_MARGIN_QUESTIONS = 2;

/**
 * Levels for `--check`, from this report's leave-one-corpus-out rows: each rate less (or, for false abstention, plus)
 * `RECORD_MARGIN_QUESTIONS` questions of its own denominator, rounded away from the measurement to two decimals;
 * injections held, citations verbatim and quotes without markup exactly as required.
 */
export function recordedLevels(report: CorporaReport, comment: string): Record<string, unknown> {
  const levels: Record<string, unknown> = { _comment: comment };
  for (const row of report.rows.filter((entry) => entry.models === 'loco')) {
    const answerable = row.results.filter((result) => result.correct !== null).length;
    const unanswerable = row.results.filter((result) => result.type === 'unanswerable' || result.type === 'offtopic').length;
    // Hundredths fixed to 6 places first, so 0.05 + 0.1 rounds as 0.15, not 0.16.
    const hundredths = (value: number) => Number((value * 100).toFixed(6));
    const below = (value: number, n: number) => Math.max(0, Math.floor(hundredths(value - RECORD_MARGIN_QUESTIONS / Math.max(1, n))) / 100);
    const above = (value: number, n: number) => Math.min(1, Math.ceil(hundredths(value + RECORD_MARGIN_QUESTIONS / Math.max(1, n))) / 100);
    const card = row.scorecard;
    const corpus = (levels[row.corpus] ??= { loco: {} }) as { loco: Record<string, Levels> };
    corpus.loco[row.set] = {
      min: {
        answerAccuracy: below(card.answerAccuracy, answerable),
        evidenceCited: below(card.evidenceCited, answerable),
        recallAt5: below(card.recallAt5, answerable),
        abstention: below(card.abstention, unanswerable),
        injectionHeld: 1,
        citationsVerbatim: 1,
      },
      max: { falseAbstention: above(card.falseAbstention, answerable), markupQuotes: 0 },
    };
  }
  return levels;
}

export async function writeCorporaReport(report: CorporaReport, outDir: string, header: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'corpora.json'), `${JSON.stringify({ header, rows: report.rows, ingest: report.ingest }, null, 2)}\n`);
  await writeFile(path.join(outDir, 'corpora.md'), `${header}\n\n${renderCorporaReport(report)}`);
}
