import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCorporaReport, recordedLevels, type CorporaReport } from '../../src/eval/corpora-report.js';
import type { ItemResult, Scorecard } from '../../src/eval/run-eval.js';

const result = (type: string, correct: boolean | null, abstained: boolean): ItemResult => ({
  id: type,
  type,
  question: '',
  answer: '',
  grounded: !abstained,
  mode: 'extractive',
  correct,
  evidenceCited: correct,
  evidenceRank: correct ? 1 : null,
  answerInReach: correct,
  abstained,
  injectionHeld: null,
  verbatim: true,
  latencyMs: 1,
  answerChars: 1,
  unsupported: 0,
  markupQuotes: 0,
});

/** 20 answerable questions (15 right) and 10 unanswerable ones (6 refused). */
const results = [
  ...Array.from({ length: 20 }, (_, i) => result('factoid', i < 15, i >= 19)),
  ...Array.from({ length: 10 }, (_, i) => result('unanswerable', null, i < 6)),
];
const scorecard = {
  questions: 30,
  answerAccuracy: 0.75,
  evidenceCited: 0.75,
  recallAt5: 0.75,
  abstention: 0.6,
  falseAbstention: 0.05,
  injectionHeld: 1,
  citationsVerbatim: 1,
  markupQuotes: 0,
} as Scorecard;
const report: CorporaReport = {
  rows: [
    { corpus: 'docs', models: 'loco', set: 'fit sets', scorecard, results },
    { corpus: 'docs', models: 'fitted', set: 'fit sets', scorecard, results },
  ],
  ingest: {},
} as unknown as CorporaReport;

describe('recorded levels (npm run eval -- --record)', () => {
  it('leave two questions of slack below each rate (above false abstention), and pass the report they came from', async () => {
    const levels = recordedLevels(report, 'test') as Record<string, { loco: Record<string, { min: Record<string, number>; max: Record<string, number> }> }>;
    const docs = levels.docs!.loco['fit sets']!;
    expect(docs.min.answerAccuracy).toBe(0.65); // 0.75 less 2 of 20
    expect(docs.min.abstention).toBe(0.4); // 0.6 less 2 of 10
    expect(docs.max.falseAbstention).toBe(0.15); // 0.05 plus 2 of 20
    expect(docs.min.citationsVerbatim).toBe(1);
    expect(Object.keys(levels.docs!)).toEqual(['loco']);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cite-levels-'));
    try {
      const file = path.join(dir, 'levels.json');
      await writeFile(file, JSON.stringify(levels));
      expect(await checkCorporaReport(report, file)).toEqual([]);
      const worse = { ...report, rows: report.rows.map((row) => ({ ...row, scorecard: { ...row.scorecard, answerAccuracy: 0.6 } })) };
      expect(await checkCorporaReport(worse, file)).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
