import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerExtractively } from '../../src/answer/extractive-answerer.js';
import { analyseQuestion } from '../../src/answer/extractive/analyse-question.js';
import { condenseQuery } from '../../src/retrieve/condense-query.js';
import { citationsAreVerbatim } from '../../src/answer/build-citations.js';
import { holdsMarkup } from '../../src/text/markup.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';

/** Answers over documents with structure (lists with lead-ins, tables, code, definitions) in Markdown and HTML. */
let testIndex: TestIndex;
beforeAll(async () => {
  testIndex = await buildTestIndex(path.join(REPO_ROOT, 'test/fixtures/structured-docs'));
});
afterAll(async () => {
  await testIndex?.cleanup();
});

const ask = (question: string) => answerExtractively(testIndex.reader, { question, history: [], topK: 5 });

describe('extractive answers on structured documents', () => {
  it('quotes a list lead-in together with its items', async () => {
    const answer = await ask('Which safety tasks can the controller perform?');
    expect(answer.grounded).toBe(true);
    const quote = answer.citations.find((citation) => citation.quote.includes('following safety tasks'))?.quote;
    expect(quote).toContain('Cut power when the lid opens');
    expect(quote).toContain('Log every firing to memory');
  });

  it('never quotes a code block for a question that does not ask for code', async () => {
    const answer = await ask('Can the bisque program be loaded with a delay?');
    for (const citation of answer.citations) expect(citation.quote).not.toContain('kilnctl load --program');
  });

  it('quotes the code block whole when a command is asked for', async () => {
    const answer = await ask('What command loads the bisque program with a delay?');
    // Whole, alone or after the lead-in that introduces it ("…use the kilnctl tool:").
    expect(answer.citations.some((citation) => citation.quote.endsWith('kilnctl load --program bisque --delay 2h'))).toBe(true);
    // In the answer the command stands on a line of its own, as in the document, not run on after its lead-in.
    expect(answer.answer).toMatch(/(?:^|\n)kilnctl load --program bisque --delay 2h \[\d+\]/);
  });

  it('quotes the sentence after a lead that only restates the question, which the lead leads up to', async () => {
    // The lead repeats the question's words; the next sentence of its paragraph, sharing none, is the answer.
    const answer = await ask('How do I restart the controller when the display stays blank after a power cut?');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain('Hold the Stop key for ten seconds');
  });

  it('reads a table row with its headers and a definition with its term', async () => {
    const glaze = await ask('What target temperature does the Glaze program use?');
    expect(glaze.answer).toContain('1240');
    const crawling = await ask('What is crawling in a glaze?');
    expect(crawling.answer).toContain('pulls back from the clay');
  });

  it('cites verbatim clean text with no markup, navigation or footer', async () => {
    for (const question of [
      'How often should the thermocouple be replaced?',
      'What gives celadon its green tint?',
      'How long may a firing kiln be left alone?',
    ]) {
      const answer = await ask(question);
      expect(answer.grounded).toBe(true);
      expect(citationsAreVerbatim(answer.citations, testIndex.index.documents)).toBe(true);
      for (const citation of answer.citations) {
        expect(holdsMarkup(citation.quote)).toBe(false);
        expect(citation.quote).not.toMatch(/Copyright the Pottery Guild|Home|\{\{/);
      }
    }
  });

  it('names the section a citation comes from, HTML headings inside Markdown included', async () => {
    const answer = await ask('How often should the thermocouple be replaced?');
    expect(answer.citations[0]?.section).toBe('Maintenance');
  });
});

describe('question analysis over a manual', () => {
  const analyse = (question: string) => analyseQuestion({ index: testIndex.reader, question, query: condenseQuery(question, []) });

  it('notices a code or figure that neither the documents nor the dictionary know', async () => {
    expect((await analyse('What does error code E47 mean on the kiln?')).unknownSpecific).toBe(true);
    expect((await analyse('How does the kiln firmware handle the ZX-Turbo module?')).unknownSpecific).toBe(true);
  });

  it('knows a name joined by punctuation only when the documents have it whole, not its parts apart', async () => {
    expect((await analyse('What does the Kiln-Program setting store?')).unknownSpecific).toBe(true);
    expect((await analyse('What does kilnctl load --program bisque do?')).unknownSpecific).toBe(false);
  });

  it('knows a short option only when the documents have it, with its case', async () => {
    // "-a" is no option of the documents, though "a" is a word they use; "-V" is not "-v".
    expect((await analyse('What does kilnctl load -a do?')).unknownSpecific).toBe(true);
    expect((await analyse('What does kilnctl load -V do?')).unknownSpecific).toBe(true);
    expect((await analyse('What does kilnctl load -v do?')).unknownSpecific).toBe(false);
  });

  it('does not take an English word the documents happen not to use for an unknown name', async () => {
    expect((await analyse('How often should the thermocouple be swapped?')).unknownSpecific).toBe(false);
    expect((await analyse('How often should the thermocouple be replaced?')).unknownSpecific).toBe(false);
  });
});
