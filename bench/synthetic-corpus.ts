import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { parseMarkdown } from '../src/corpus/parse-markdown.js';
import type { ChunkerSettings } from '../src/domain/chunk.js';
import { chunkDocument } from '../src/ingest/chunk-document.js';
import { hashText, seededRandom } from '../test/helpers/fake-embeddings.js';

const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'sul', 'dor', 'vi', 'lan', 'pe', 'gra', 'the', 'nos', 'ur', 'bel', 'cas', 'fin', 'mo', 'tri', 'zen', 'ap'];

/**
 * A vocabulary with a Zipf-like frequency: common English words first (so stop words and frequent terms behave as
 * in real text), then the article's own words, then made-up words for a long tail of rare terms.
 */
export function buildVocabulary(seedWords: string[], size: number): string[] {
  const seen = new Set<string>();
  const vocabulary: string[] = [];
  const common =
    'the of and to in is was for on that by with as at from its which are an this be it or has have were their has been other more new first after also'.split(
      ' ',
    );
  for (const word of [...common, ...seedWords]) {
    if (word.length >= 2 && !seen.has(word)) {
      seen.add(word);
      vocabulary.push(word);
    }
  }
  const random = seededRandom(7);
  while (vocabulary.length < size) {
    const parts = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < parts; i += 1) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
    if (!seen.has(word)) {
      seen.add(word);
      vocabulary.push(word);
    }
  }
  return vocabulary;
}

/** Draws word ranks with P(rank r) ∝ 1 / (r + 2)^1.05, the shape of word frequencies in prose. */
function zipfSampler(size: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank += 1) {
    total += 1 / (rank + 2) ** 1.05;
    cumulative[rank] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

export interface SyntheticCorpus {
  /** Markdown files, relative path → content. */
  files: Map<string, string>;
  chunks: number;
  characters: number;
}

/**
 * Generates markdown documents (a title, 3-6 `##` sections of 2-4 paragraphs of 2-5 sentences) until the chunker
 * makes at least `targetChunks` chunks. Deterministic for a given seed and vocabulary.
 */
export function generateCorpus(options: { targetChunks: number; vocabulary: string[]; chunking: ChunkerSettings; seed?: number }): SyntheticCorpus {
  const random = seededRandom(options.seed ?? 42);
  const nextWord = zipfSampler(options.vocabulary.length, random);
  const word = () => options.vocabulary[nextWord()]!;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const sentence = () => {
    const words = Array.from({ length: between(8, 24) }, word);
    if (random() < 0.15) words.splice(between(1, words.length - 1), 0, String(between(1900, 2030)));
    const text = words.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const files = new Map<string, string>();
  let chunks = 0;
  let characters = 0;
  for (let documentIndex = 1; chunks < options.targetChunks; documentIndex += 1) {
    const title = `${word()} ${word()} report ${documentIndex}`;
    const lines = [`# ${title[0]!.toUpperCase()}${title.slice(1)}`, ''];
    const sections = between(3, 6);
    for (let section = 1; section <= sections; section += 1) {
      lines.push(`## ${word()} ${word()}`, '');
      const paragraphs = between(2, 4);
      for (let paragraph = 0; paragraph < paragraphs; paragraph += 1) lines.push(Array.from({ length: between(2, 5) }, sentence).join(' '), '');
    }
    const file = `docs/doc-${String(documentIndex).padStart(6, '0')}.md`;
    const text = lines.join('\n');
    const document = parseMarkdown({ id: `doc-${documentIndex}`, file, text });
    chunks += chunkDocument(document, options.chunking).length;
    characters += text.length;
    files.set(file, text);
  }
  return { files, chunks, characters };
}

export async function writeCorpus(corpus: SyntheticCorpus, dir: string): Promise<void> {
  await mkdir(path.join(dir, 'docs'), { recursive: true });
  for (const [file, text] of corpus.files) await writeFile(path.join(dir, file), text);
}

/**
 * Deterministic stand-in for the sentence encoder at sizes where running it would take hours: each text's vector is
 * a random mixture of two real encoder vectors (`bases`, e.g. the article's sentence vectors) plus Gaussian noise,
 * normalised, seeded by the text's hash. Same text, same vector, every run. Cheap to compute, so it measures
 * indexing, not embedding; its neighbourhoods are clustered like real text vectors rather than uniform noise.
 */
export class SyntheticEmbeddings extends Embeddings {
  constructor(
    private readonly bases: Float32Array[],
    private readonly noise = 0.02,
  ) {
    super({});
  }

  get dimension(): number {
    return this.bases[0]!.length;
  }

  vectorFor(text: string): number[] {
    const random = seededRandom(hashText(text));
    const first = this.bases[Math.floor(random() * this.bases.length)]!;
    const second = this.bases[Math.floor(random() * this.bases.length)]!;
    const weight = 0.5 + 0.5 * random();
    const vector = new Array<number>(first.length);
    let norm = 0;
    for (let i = 0; i < first.length; i += 1) {
      // Box-Muller, one normal draw per dimension.
      const gaussian = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
      const value = weight * first[i]! + (1 - weight) * second[i]! + this.noise * gaussian;
      vector[i] = value;
      norm += value * value;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < vector.length; i += 1) vector[i] = vector[i]! / norm;
    return vector;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((text) => this.vectorFor(text));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return this.vectorFor(`query:${document}`);
  }
}
