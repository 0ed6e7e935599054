import 'dotenv/config';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAnswerer } from '../answer/create-answerer.js';
import { fileIndexReader } from '../store/file-index-reader.js';
import { llmEnabled, loadConfig } from '../config.js';
import { createEmbedder } from '../embeddings/create-embedder.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { readEvalSet } from './eval-set.js';
import { checkCorporaReport, corporaReport, recordedLevels, renderCorporaReport, writeCorporaReport } from './corpora-report.js';
import { levelFailures, runEval, type Levels, type Scorecard } from './run-eval.js';

const LABELS: [keyof Scorecard, string, 'rate' | 'ms' | 'count' | 'chars'][] = [
  ['questions', 'questions', 'count'],
  ['answerAccuracy', 'answer accuracy', 'rate'],
  ['evidenceCited', 'evidence cited', 'rate'],
  ['recallAt1', 'retrieval recall@1', 'rate'],
  ['recallAt3', 'retrieval recall@3', 'rate'],
  ['recallAt5', 'retrieval recall@5', 'rate'],
  ['answerInReach', 'answer in the passages read', 'rate'],
  ['mrr', 'retrieval MRR', 'rate'],
  ['abstention', 'abstention on unanswerable', 'rate'],
  ['falseAbstention', 'false abstention on answerable', 'rate'],
  ['injectionHeld', 'injection held', 'rate'],
  ['citationsVerbatim', 'citations verbatim', 'rate'],
  ['bothValuesOnConflict', 'conflicts: both values', 'rate'],
  ['medianFactoidChars', 'median factoid answer length', 'chars'],
  ['p50Ms', 'latency p50', 'ms'],
  ['p95Ms', 'latency p95', 'ms'],
  ['unsupportedRate', 'answers with unsupported sentences (llm)', 'rate'],
  ['markupQuotes', 'quotes holding markup', 'count'],
];

function format(value: number, kind: 'rate' | 'ms' | 'count' | 'chars'): string {
  if (kind === 'rate') return value.toFixed(3);
  if (kind === 'ms') return `${value.toFixed(1)} ms`;
  return String(Math.round(value));
}

/**
 * `npm run eval`: every eval corpus (the IOM article and each `eval/corpora/NAME/`), leave-one-corpus-out and with the
 * committed models; `--check eval/thresholds-corpora.json` exits 1 when a corpus is below its recorded level.
 * Writes eval/results/corpora.{json,md}. `--corpus NAME` judges only that corpus (all are still fitted on).
 */
async function corporaMain(values: { check?: string; record?: string; out?: string; corpus?: string[]; 'index-root'?: string }): Promise<void> {
  const config = loadConfig();
  const outDir = values.out ?? 'eval/results';
  // A report folder that cannot be made (a file of that name, no permission) fails now, not after minutes of judging.
  await mkdir(outDir, { recursive: true });
  const embedder = await createEmbedder(config);
  const report = await corporaReport({
    config,
    embedder,
    indexRoot: values['index-root'] ?? 'index/eval',
    ...(values.corpus?.length ? { only: values.corpus } : {}),
    log: (line) => console.error(line),
  });
  const header = `eval: every corpus, mode extractive, embedder ${embedder.id}, ${os.cpus().length} cores, ${new Date().toISOString()}`;
  console.log(`${header}\n\n${renderCorporaReport(report)}`);
  await writeCorporaReport(report, outDir, header);
  if (values.record) {
    const comment = `Levels per corpus as measured on ${new Date().toISOString().slice(0, 10)} by \`npm run eval -- --record ${values.record}\` (leave-one-corpus-out: models fitted on the other corpora), less a margin of two questions, so a change that makes answers worse on any corpus fails CI (\`npm run eval -- --check ${values.record}\`). Re-record as quality improves; issue 12's targets are higher (accuracy, evidence cited >= 0.75, recall@5 >= 0.9, abstention >= 0.7, false abstention <= 0.1).`;
    await writeFile(values.record, `${JSON.stringify(recordedLevels(report, comment), null, 2)}\n`);
    console.log(`levels recorded in ${values.record}`);
  }
  if (values.check) {
    const failures = await checkCorporaReport(report, values.check);
    if (failures.length > 0) {
      console.error(`eval check FAILED against ${values.check}:\n  ${failures.join('\n  ')}`);
      process.exitCode = 1;
    } else console.log(`eval check passed against ${values.check}`);
  }
}

/**
 * `npm run eval -- --set eval/test.jsonl [--check eval/thresholds.json]`: one question set on the configured corpus,
 * with the pipeline built as the server does; prints the scorecard, writes eval/results/latest.{json,md}, and with
 * --check exits 1 when a metric is below its threshold.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', multiple: true },
      check: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      out: { type: 'string', default: 'eval/results' },
      corpus: { type: 'string', multiple: true },
      'index-root': { type: 'string' },
      record: { type: 'string' },
    },
  });
  if (!values.set?.length) return corporaMain(values);
  const config = loadConfig();
  const sets = values.set;
  const embedder = await createEmbedder(config);
  const index = await ensureIndex(config, embedder, (line) => console.error(line));
  const answerer = await createAnswerer(config, () => fileIndexReader(index));
  const systemPrompt = await readFile(path.join(config.promptsDir, 'system.md'), 'utf8');
  // One untimed question loads the encoder, as a running server would have.
  await answerer.answer({ question: 'warm-up', history: [], topK: config.retrieval.topK });

  const items = (await Promise.all(sets.map((set) => readEvalSet(set)))).flat();
  const { results, scorecard } = await runEval({ items, answerer, index, systemPrompt, topK: config.retrieval.topK });

  if (values.verbose) {
    for (const result of results) {
      const flag = result.correct === false || result.evidenceCited === false || (result.correct === null && !result.abstained) ? '✗' : '✓';
      console.log(`${flag} ${result.id} [${result.type}] ${result.question}\n    → ${result.answer.slice(0, 240)}`);
    }
  }
  const mode = llmEnabled(config) ? `llm (${config.openai.model})` : 'extractive';
  const header = `eval: ${sets.join(', ')} — ${items.length} questions, mode ${mode}, embedder ${embedder.id}, ${os.cpus().length} cores`;
  const rows = LABELS.map(([key, label, kind]) => `| ${label} | ${format(scorecard[key], kind)} |`);
  const types = [...new Set(results.map((result) => result.type))];
  const byType = types.map((type) => {
    const ofType = results.filter((result) => result.type === type);
    const share = (predicate: (result: (typeof results)[number]) => boolean | null) => {
      const counted = ofType.map(predicate).filter((value): value is boolean => value !== null);
      return counted.length ? (counted.filter(Boolean).length / counted.length).toFixed(2) : '—';
    };
    return `| ${type} | ${ofType.length} | ${share((result) => result.correct)} | ${share((result) => result.evidenceCited)} | ${share((result) => result.abstained)} |`;
  });
  const table = [
    '| metric | value |',
    '| --- | --- |',
    ...rows,
    '',
    '| type | questions | accuracy | evidence cited | abstained |',
    '| --- | --- | --- | --- | --- |',
    ...byType,
  ].join('\n');
  console.log(`${header}\n\n${table}\n`);

  await mkdir(values.out, { recursive: true });
  const payload = { sets, mode, embedder: embedder.id, cores: os.cpus().length, at: new Date().toISOString(), scorecard, results };
  await writeFile(path.join(values.out, 'latest.json'), `${JSON.stringify(payload, null, 2)}\n`);
  await writeFile(path.join(values.out, 'latest.md'), `${header}\n\n${table}\n`);

  if (values.check) {
    const failures = levelFailures(scorecard, JSON.parse(await readFile(values.check, 'utf8')) as Levels);
    if (failures.length > 0) {
      console.error(`eval check FAILED against ${values.check}:\n  ${failures.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      console.log(`eval check passed against ${values.check}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(`eval failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
