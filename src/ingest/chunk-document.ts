import { sectionPath, type Document } from '../corpus/document.js';
import { splitSentences, type Span } from '../text/sentences.js';

export interface ChunkerSettings {
  /** Target maximum characters per chunk; a single sentence longer than this stays whole. */
  chunkSize: number;
  /** Sentences repeated from the end of the previous chunk of the same section. */
  overlapSentences: number;
}

/** Bumped when chunking or tokenisation changes (the lexical index and sentence spans depend on both), so an index
 * built by older code is seen as stale and rebuilt. */
export const CHUNKER_VERSION = 4;

export interface Chunk {
  id: string;
  sourceId: string;
  /** The innermost heading the chunk sits under. */
  section: string;
  /** "Activities › Counter-Trafficking": used to enrich retrieval, never shown as a quote. */
  sectionPath: string;
  start: number;
  end: number;
  /** Always `document.text.slice(start, end)`. */
  text: string;
  /** Sentence (or infobox field) spans inside the chunk, document offsets: the units an extractive answer quotes. */
  sentences: Span[];
}

/**
 * Section-aware chunking: chunks never cross a section boundary, are made of whole sentences (infobox fields,
 * list lines), and keep exact offsets into the document text.
 */
export function chunkDocument(document: Document, settings: ChunkerSettings): Chunk[] {
  const chunks: Chunk[] = [];
  const bySection = new Map<number, Span[]>();
  for (const block of document.blocks) {
    const units = block.kind === 'infobox' ? [{ start: block.start, end: block.end }] : splitSentences(document.text, block.start, block.end);
    const list = bySection.get(block.section) ?? [];
    list.push(...units);
    bySection.set(block.section, list);
  }

  for (const [sectionIndex, units] of [...bySection.entries()].sort((a, b) => a[0] - b[0])) {
    const section = document.sections[sectionIndex];
    const title = section?.title ?? document.title;
    const path = sectionPath(document, sectionIndex);
    let current: Span[] = [];
    const emit = () => {
      if (current.length === 0) return;
      const start = current[0]!.start;
      const end = current[current.length - 1]!.end;
      chunks.push({
        id: `${document.id}#${chunks.length}`,
        sourceId: document.id,
        section: title,
        sectionPath: path,
        start,
        end,
        text: document.text.slice(start, end),
        sentences: current,
      });
    };
    for (const unit of units) {
      const length = current.length === 0 ? 0 : unit.end - current[0]!.start;
      if (current.length > 0 && length > settings.chunkSize) {
        emit();
        const carried = settings.overlapSentences > 0 ? current.slice(-settings.overlapSentences) : [];
        // Overlap only when it leaves room for new text.
        current = carried.length > 0 && unit.end - carried[0]!.start <= settings.chunkSize * 1.5 ? [...carried] : [];
      }
      current.push(unit);
    }
    emit();
  }
  return chunks;
}
