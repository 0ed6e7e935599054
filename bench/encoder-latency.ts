/**
 * `npm run bench:encoder`: the local sentence encoder alone, uncached. Encodes N distinct questions one at a time
 * (made from the article's words by templates, after a warm-up) and reports median/p90/p99; then embeds the article's
 * sentences and ~500-character chunks with embedDocuments and reports texts per second (best of 3).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalUseEmbeddings } from '../src/embeddings/local-use-embeddings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.env.QUESTIONS ?? 300);
const article = readFileSync(path.join(root, 'corpus/international-organization-for-migration.txt'), 'utf8').replace(/\[\d+\]/g, '');
const sentences = [
  ...new Set(
    article
      .split(/(?<=[.!?])\s+|\n+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 25),
  ),
];
let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
const templates = [
  'What does the document say about {p}?',
  'When did {p} happen?',
  'Who is responsible for {p}?',
  'How many {p} are there?',
  'Where is {p}?',
  'Why is {p} important?',
  'Tell me more about {p}.',
  'what is {p}',
];
const questions = new Set<string>();
while (questions.size < count + 20) {
  const words = pick(sentences).split(/\s+/).filter(Boolean);
  const n = 1 + Math.floor(random() * 4);
  const start = Math.floor(random() * Math.max(1, words.length - n));
  questions.add(
    pick(templates).replace(
      '{p}',
      words
        .slice(start, start + n)
        .join(' ')
        .toLowerCase(),
    ),
  );
}
const [warmUp, measured] = [[...questions].slice(0, 20), [...questions].slice(20)];

const embeddings = new LocalUseEmbeddings({ queryCacheSize: 0 });
for (const question of warmUp) await embeddings.embedQuery(question);
const times: number[] = [];
for (const question of measured) {
  const start = performance.now();
  await embeddings.embedQuery(question);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
console.log(`embedQuery, ${times.length} distinct questions: median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms`);

const chunks: string[] = [];
let current = '';
for (const sentence of sentences) {
  current = current ? `${current} ${sentence}` : sentence;
  if (current.length >= 500) {
    chunks.push(current);
    current = '';
  }
}
const documents = [...sentences, ...chunks];
let best = Infinity;
for (let round = 0; round < 3; round++) {
  const start = performance.now();
  await embeddings.embedDocuments(documents);
  best = Math.min(best, performance.now() - start);
}
console.log(
  `embedDocuments, ${documents.length} texts (${sentences.length} sentences, ${chunks.length} chunks): ${((documents.length / best) * 1000).toFixed(1)} texts/s`,
);
