import type { Answer } from '../answer/answer-types.js';

/** The answer for a terminal: the text with its `[n]` markers, then each citation numbered with section and quote. */
export function formatAnswer(answer: Pick<Answer, 'answer' | 'citations' | 'grounded' | 'note'>): string {
  const lines = [answer.answer.trim()];
  if (answer.note) lines.push('', `Note: ${answer.note}`);
  if (answer.citations.length) {
    lines.push('', answer.grounded ? 'Sources:' : 'Closest passages (they do not answer the question):');
    for (const citation of answer.citations) {
      lines.push(`[${citation.n}] ${citation.title} › ${citation.section}`);
      lines.push(`    "${citation.quote.replace(/\s+/g, ' ').trim()}"`);
      if (citation.url) lines.push(`    ${citation.url}`);
    }
  }
  return lines.join('\n');
}
