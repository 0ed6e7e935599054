import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readEvalSet } from '../../src/eval/eval-set.js';
import { REPO_ROOT } from '../helpers/article-index.js';

const run = promisify(execFile);

describe('evaluation sets', () => {
  it('are valid: unique ids, known types, every evidence span verbatim in the corpus (eval/check-eval-sets.mjs)', async () => {
    const { stdout } = await run(process.execPath, ['eval/check-eval-sets.mjs'], { cwd: REPO_ROOT });
    expect(stdout).toContain('OK: all eval sets valid.');
  });

  it('the corpora sets are valid: every evidence span verbatim in its corpus, answers occur in it (eval/corpora/check-corpus-evals.mjs)', async () => {
    const { stdout } = await run(process.execPath, ['eval/corpora/check-corpus-evals.mjs'], { cwd: REPO_ROOT });
    expect(stdout).toContain('all evidence spans found verbatim');
  });

  it.each([
    'eval/dev.jsonl',
    'eval/questions-extra-dev.jsonl',
    'eval/questions-extra-dev2.jsonl',
    'eval/questions-extra-dev3.jsonl',
    'eval/test.jsonl',
    // Every corpus's set: a corpus added to eval/corpora/ is checked without being listed here.
    ...readdirSync(`${REPO_ROOT}/eval/corpora`)
      .filter((file) => file.endsWith('.jsonl'))
      .map((file) => `eval/corpora/${file}`),
  ])('%s parses with the schema the eval command uses', async (file) => {
    const items = await readEvalSet(`${REPO_ROOT}/${file}`);
    expect(items.length).toBeGreaterThan(30);
  });
});
