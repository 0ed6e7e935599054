import { execFile } from 'node:child_process';
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

  it.each(['eval/dev.jsonl', 'eval/questions-extra-dev.jsonl', 'eval/questions-extra-dev2.jsonl', 'eval/questions-extra-dev3.jsonl', 'eval/test.jsonl'])('%s parses with the schema the eval command uses', async (file) => {
    const items = await readEvalSet(`${REPO_ROOT}/${file}`);
    expect(items.length).toBeGreaterThan(30);
  });
});
