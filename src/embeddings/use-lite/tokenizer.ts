/**
 * The Universal Sentence Encoder lite's SentencePiece-style tokenizer, as `@energetic-ai/embeddings` 0.2.0 (and
 * `@tensorflow-models/universal-sentence-encoder`) implement it: a Viterbi search over the vocabulary's pieces by
 * score. Ported so the encoder can run without that package's TensorFlow.js graph; it must give the same ids, tie
 * breaks included, or the vectors would drift from indexes built before.
 */

const SEPARATOR = '\u2581';
const RESERVED_SYMBOLS_COUNT = 6;

export type Vocabulary = [piece: string, score: number][];

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Set when a piece ends here. */
  piece?: { length: number; score: number; index: number };
}

function newNode(): TrieNode {
  return { children: new Map() };
}

export class UseTokenizer {
  private readonly root = newNode();

  constructor(private readonly vocabulary: Vocabulary) {
    for (let index = RESERVED_SYMBOLS_COUNT; index < vocabulary.length; index++) {
      const [piece, score] = vocabulary[index]!;
      const symbols = [...piece];
      let node = this.root;
      for (const symbol of symbols) {
        let child = node.children.get(symbol);
        if (!child) {
          child = newNode();
          node.children.set(symbol, child);
        }
        node = child;
      }
      node.piece = { length: symbols.length, score, index };
    }
  }

  encode(text: string): number[] {
    const normalized = text.normalize('NFKC');
    const input = normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : normalized;
    const symbols = [...input];
    const n = symbols.length;
    // For each end position, the candidate pieces ending there keyed by start position (ascending, as the original
    // iterates an object with integer keys).
    const candidates: { start: number; score: number; index: number }[][] = Array.from({ length: n + 1 }, () => []);
    for (let i = 0; i < n; i++) {
      let node = this.root.children.get(symbols[i]!);
      let found = false;
      for (let j = i; j < n && node; j++) {
        if (node.piece) {
          candidates[i + node.piece.length]!.push({ start: i, score: node.piece.score, index: node.piece.index });
          found = true;
        }
        node = node.children.get(symbols[j + 1]!);
      }
      // An unknown symbol becomes id 0 with score 0.
      if (!found) candidates[i + 1]!.push({ start: i, score: 0, index: 0 });
    }
    const best = new Float64Array(n + 1);
    const words = new Int32Array(n + 1);
    for (let end = 0; end <= n; end++) {
      // Stable sort by start keeps insertion order within a start, matching the original's object-of-arrays walk.
      const list = candidates[end]!.length > 1 ? [...candidates[end]!].sort((a, b) => a.start - b.start) : candidates[end]!;
      for (const word of list) {
        const score = word.score + best[word.start]!;
        if (best[end] === 0 || score >= best[end]!) {
          best[end] = score;
          words[end] = word.index;
        }
      }
    }
    const results: number[] = [];
    let iter = n;
    while (iter > 0) {
      const id = words[iter]!;
      results.push(id);
      iter -= this.vocabulary[id]![0].length;
    }
    // Runs of unknown symbols collapse to one id 0.
    const merged: number[] = [];
    let previousUnknown = false;
    for (const id of results) {
      if (!(previousUnknown && id === 0)) merged.push(id);
      previousUnknown = id === 0;
    }
    return merged.reverse();
  }
}
