import { describe, expect, it } from 'vitest';
import { selectSentences } from '../../src/answer/extractive/select-sentences.js';
import type { ScoredQuestion, ScoredSentence } from '../../src/answer/extractive/score-sentences.js';
import type { QuestionAnalysis } from '../../src/answer/extractive/analyse-question.js';
import { EXTRACTIVE_WEIGHTS } from '../../src/answer/extractive/thresholds.js';
import type { Chunk } from '../../src/domain/chunk.js';
import { terms } from '../../src/text/tokenize.js';

const question = 'How does the server treat an idle connection?';

function sentence(text: string, score: number, chunkId: string): ScoredSentence {
  const chunk = { id: chunkId, sourceId: chunkId, start: 0, end: text.length, text } as Chunk;
  return {
    span: { chunk, start: 0, end: text.length },
    text,
    field: false,
    passageRank: 0,
    sentenceIndex: 0,
    features: { focusCoverage: 1 } as ScoredSentence['features'],
    score,
    answersType: true,
    namesQuestionFigures: true,
    addsToQuestion: true,
    statesBounds: true,
  };
}

const scoredQuestion = (sentences: ScoredSentence[]): ScoredQuestion => ({
  sentences,
  analysis: { answerType: 'other', synonymsOf: () => [], ownTerms: new Set(terms(question)) } as unknown as QuestionAnalysis,
  focus: [],
});

describe('choosing the sentences of an extractive answer', () => {
  // Both runners-up share the lead's words for the question: neither covers a part of it the lead leaves out.
  const lead = sentence('The server closes an idle connection after a while.', 0.8, 'a');

  it('quotes a runner-up the sentence model can barely tell from the lead', () => {
    const close = sentence('An idle connection is closed by the server to save resources.', 0.8 - EXTRACTIVE_WEIGHTS.closeCallMargin / 2, 'b');
    const chosen = selectSentences(scoredQuestion([lead, close]), { abstainBelow: 0 });
    expect(chosen.map((s) => s.text)).toEqual([lead.text, close.text]);
  });

  it('leaves out a runner-up clearly behind the lead that adds nothing the question asks', () => {
    const behind = sentence('An idle connection is closed by the server to save resources.', 0.8 - 2 * EXTRACTIVE_WEIGHTS.closeCallMargin, 'b');
    expect(selectSentences(scoredQuestion([lead, behind]), { abstainBelow: 0 }).map((s) => s.text)).toEqual([lead.text]);
  });

  it('quotes the next sentence of a quoted runner-up that mostly restates the question, as it does for the lead', () => {
    // The runner-up leads up to its answer, which the next sentence of its paragraph gives in words the question lacks.
    const restating = 'How the server treats an idle connection depends on one setting.';
    const answer = 'Sockets left open for ten minutes are dropped.';
    const text = `${restating} ${answer}`;
    const chunk = { id: 'b', sourceId: 'b', start: 0, end: text.length, text } as Chunk;
    const close = {
      ...sentence(restating, 0.8 - EXTRACTIVE_WEIGHTS.closeCallMargin / 2, 'b'),
      span: { chunk, start: 0, end: restating.length },
    };
    const next = {
      ...sentence(answer, 0.05, 'b'),
      span: { chunk, start: restating.length + 1, end: text.length },
      sentenceIndex: 1,
    };
    const chosen = selectSentences(scoredQuestion([lead, close, next]), { abstainBelow: 0 });
    expect(chosen.map((s) => s.text)).toEqual([lead.text, restating, answer]);
  });

  it('does not take a sentence kept from leading, scored above the lead, for a close call', () => {
    // It only echoes the question: it may not lead, whatever it scores.
    const echo = { ...sentence('An idle connection at the server.', 0.9, 'b'), addsToQuestion: false };
    const chosen = selectSentences(scoredQuestion([echo, lead]), { abstainBelow: 0 });
    expect(chosen.map((s) => s.text)).toEqual([lead.text]);
  });
});
