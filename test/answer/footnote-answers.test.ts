import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseQuestion } from '../../src/answer/extractive/analyse-question.js';
import { readPassageContext } from '../../src/answer/extractive/passage-context.js';
import { scoreSentences } from '../../src/answer/extractive/score-sentences.js';
import { retrieve } from '../../src/retrieve/hybrid-retrieve.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';

/** Footnotes of a PDF (test/fixtures/paged/handbook.pdf, page 3): an aside, and one that cites a source. */
let testIndex: TestIndex;
beforeAll(async () => {
  testIndex = await buildTestIndex(path.join(REPO_ROOT, 'test/fixtures/paged'));
});
afterAll(async () => {
  await testIndex?.cleanup();
});

/** The sentences the answerer may quote for `question`: those it scores. */
async function candidates(question: string): Promise<string[]> {
  const index = testIndex.reader;
  const retrieved = await retrieve({ index, question, topK: 5 });
  const analysis = await analyseQuestion({ index, question, query: retrieved.query });
  const context = await readPassageContext(index, retrieved.passages);
  return scoreSentences({ context, analysis, passages: retrieved.passages, queryVector: retrieved.queryVector }).sentences.map((sentence) => sentence.text);
}

describe('footnotes as answer material', () => {
  it('does not offer a footnote that cites a source as an answer to a question about the claim', async () => {
    const offered = await candidates('How often are the stores counted, and who counts them?');
    expect(offered.some((text) => text.includes('Stores are counted twice a year'))).toBe(true);
    expect(offered.some((text) => text.includes('District Stores Order'))).toBe(false);
  });

  it('offers it when the source is asked for', async () => {
    const offered = await candidates('Which publication is cited as the source for the stores count?');
    expect(offered).toContain('See the District Stores Order, section 4, issued 1921.');
  });

  it('offers a footnote that is an aside of its own like any sentence', async () => {
    const offered = await candidates('How often are the stores counted, and who counts them?');
    expect(offered).toContain('Counted by the keeper and the relief keeper together, each signing the stores book.');
  });
});
