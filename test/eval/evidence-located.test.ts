import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { listEvalCorpora } from '../../src/eval/eval-corpora.js';
import { ABSTAIN_TYPES, readEvalSet } from '../../src/eval/eval-set.js';
import { evidenceSpans } from '../../src/eval/locate-evidence.js';
import { REPO_ROOT } from '../helpers/article-index.js';

const corpora = await listEvalCorpora(REPO_ROOT);

// The eval scores recall, evidence cited and the answer models' labels by where each evidence string lies in the parsed
// documents: one it cannot find there counts as a retrieval miss whatever the answerer does. (The sets' checker looks in
// the raw files, where a smart quote or a table row can read otherwise.)
describe.each(corpora.map((corpus) => [corpus.name, corpus] as const))('the eval questions of %s', (_name, corpus) => {
  it("have every evidence string located in the corpus's clean text by the eval's own locator", async () => {
    const { documents } = await loadCorpus(corpus.corpusDir);
    const items = (await Promise.all([...corpus.fitSets, ...corpus.heldOutSets].map((set) => readEvalSet(set)))).flat();
    const unlocated = items
      .filter((item) => !ABSTAIN_TYPES.has(item.type))
      .flatMap((item) => item.evidence.filter((evidence) => evidenceSpans([evidence], documents).length === 0).map((evidence) => `${item.id}: ${evidence}`));
    expect(unlocated).toEqual([]);
  });
});
