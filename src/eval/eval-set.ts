import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const EvalItem = z.object({
  id: z.string(),
  type: z.string(),
  question: z.string(),
  answers: z.array(z.string()),
  evidence: z.array(z.string()),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).optional(),
});
export type EvalItem = z.infer<typeof EvalItem>;

export async function readEvalSet(file: string): Promise<EvalItem[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, i) => {
    try {
      return EvalItem.parse(JSON.parse(line));
    } catch (error) {
      throw new Error(`${file}:${i + 1}: ${(error as Error).message}`, { cause: error });
    }
  });
}

/** Types whose questions have no answer in the corpus: the right response is to abstain. */
export const ABSTAIN_TYPES = new Set(['unanswerable', 'injection', 'offtopic']);
