import { createHash } from 'node:crypto';
import { Embeddings } from '@langchain/core/embeddings';

/**
 * A deterministic fake `Embeddings` that records every text it is asked to embed. Vectors are unit-length bags of
 * hashed words, so texts sharing words are similar and a search over them behaves sensibly.
 */
export class CountingEmbeddings extends Embeddings {
  readonly embeddedTexts: string[] = [];
  queries = 0;

  constructor(readonly dimension = 64) {
    super({});
  }

  vectorOf(text: string): number[] {
    const vector = new Array<number>(this.dimension).fill(0);
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      const digest = createHash('sha1').update(word).digest();
      vector[digest.readUInt16BE(0) % this.dimension]! += digest[2]! & 1 ? 1 : -1;
    }
    const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
    return vector.map((value) => value / norm);
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    this.embeddedTexts.push(...documents);
    return documents.map((text) => this.vectorOf(text));
  }

  override async embedQuery(document: string): Promise<number[]> {
    this.queries += 1;
    return this.vectorOf(document);
  }
}
