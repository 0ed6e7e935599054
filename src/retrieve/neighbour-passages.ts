import { cosine } from '../embeddings/vector-math.js';
import { weightedTerms } from '../store/bm25.js';
import type { IndexReader } from '../store/index-reader.js';
import type { RetrievedPassage, RetrieveResult } from './hybrid-retrieve.js';

/**
 * The retrieved passages followed by the chunks just before and after each one in the same document, scored for the
 * same query (BM25 and cosine, fused score 0): a chunk boundary falls between a sentence and the one that answers it
 * ("…After typing into the prompt," | "you can escape out of this state by Ctrl-C"), and the chunk holding the
 * answer is then often not retrieved though its neighbour is.
 */
export async function withNeighbours(index: IndexReader, result: RetrieveResult): Promise<RetrievedPassage[]> {
  const { passages } = result;
  const taken = new Set(passages.map((passage) => passage.chunkIndex));
  const wanted: { chunkIndex: number; sourceId: string }[] = [];
  for (const passage of passages) {
    for (const chunkIndex of [passage.chunkIndex - 1, passage.chunkIndex + 1]) {
      if (chunkIndex < 0 || chunkIndex >= index.manifest.counts.chunks || taken.has(chunkIndex)) continue;
      taken.add(chunkIndex);
      wanted.push({ chunkIndex, sourceId: passage.chunk.sourceId });
    }
  }
  if (wanted.length === 0) return passages;
  const indices = wanted.map((entry) => entry.chunkIndex);
  const [chunks, lexical, vectors] = await Promise.all([
    index.chunks(indices),
    index.scoreLexical(weightedTerms(result.query.lexicalParts, true), indices),
    result.queryVector ? index.chunkVectors(indices) : Promise.resolve(undefined),
  ]);
  const neighbours = wanted.flatMap(({ chunkIndex, sourceId }, i) => {
    const chunk = chunks[i]!;
    if (chunk.sourceId !== sourceId) return [];
    const vector = vectors?.[i];
    return [{ chunk, chunkIndex, score: 0, lexicalScore: lexical[i] ?? 0, denseScore: vector && result.queryVector ? cosine(result.queryVector, vector) : 0 }];
  });
  return [...passages, ...neighbours];
}
