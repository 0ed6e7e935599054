/**
 * `npm run bench:hostile`: how the work on hostile input grows with its size. A page of thousands of nested,
 * unclosed directive containers and an "enumeration" of one word of half a million characters are each timed at a
 * size, twice and four times that size (median of 3 runs each); linear work takes about 4 times as long at four times
 * the size, quadratic work 16 times. Exits 1 when either grows faster than GROWTH_LIMIT, so CI catches a regression
 * without a wall-clock bound that a busy machine would break (the unit tests keep only the behaviour).
 */
import { readQuestion } from '../src/answer/extractive/analyse-question.js';
import { matchesAnswerType } from '../src/answer/extractive/answer-type.js';
import { parseMarkdown } from '../src/corpus/parse-markdown.js';
import { median } from './retrieval-quality.js';

/**
 * Largest time ratio allowed between four times the size and the size: linear work reads about 4, quadratic 16; 8
 * leaves room for a busy machine's noise and for n·log n (4.6 at these sizes) while still failing quadratic growth.
 */
const GROWTH_LIMIT = 8;

interface Case {
  name: string;
  /** Base size: chosen so the largest run takes about a second alone on the 2-core CI machine. */
  size: number;
  run: (size: number) => void;
}

const cases: Case[] = [
  {
    name: 'Markdown: nested and unclosed directive containers',
    size: 1250,
    run: (size) => {
      const document = parseMarkdown({
        id: 'page',
        file: 'page.md',
        text: `${':::note\n'.repeat(size)}Deep text.\n\n${'{% hint style="info" %}\n'.repeat(size)}`,
      });
      if (!document.text.includes('Deep text.')) throw new Error('the deep text was lost');
    },
  },
  {
    name: 'answer type: a list read in one long word',
    size: 500_000,
    run: (size) => {
      matchesAnswerType('list', 'a'.repeat(size), readQuestion('Which three languages?'));
    },
  },
];

function medianMs(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return median(times);
}

let failed = false;
console.log(`| input | n (ms) | 2n (ms) | 4n (ms) | 4n / n | limit |`);
console.log(`| --- | --- | --- | --- | --- | --- |`);
for (const each of cases) {
  each.run(each.size); // warm-up: the parsers' first call loads and compiles their modules
  const [one, two, four] = [1, 2, 4].map((factor) => medianMs(() => each.run(each.size * factor)));
  const growth = four! / Math.max(one!, 0.01);
  if (growth > GROWTH_LIMIT) failed = true;
  console.log(`| ${each.name} | ${one!.toFixed(1)} | ${two!.toFixed(1)} | ${four!.toFixed(1)} | ${growth.toFixed(1)} | ${GROWTH_LIMIT} |`);
}
if (failed) {
  console.error(`hostile input: work grows faster than ${GROWTH_LIMIT}× at four times the size (quadratic or worse)`);
  process.exitCode = 1;
}
