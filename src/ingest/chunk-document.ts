import { sectionPath, type Block, type Document } from '../domain/document.js';
import type { Chunk, ChunkerSettings, QuoteUnit } from '../domain/chunk.js';
import { splitSentences } from '../text/sentences.js';

/** Bumped when parsing, chunking or tokenisation changes (the lexical index and sentence spans depend on both), so an index
 * built by older code is seen as stale and rebuilt. */
export const CHUNKER_VERSION = 34;

/** How many chunk sizes a list, table or definition list may span and still be kept in one chunk. */
const MAX_WHOLE_BLOCK_CHUNKS = 2;

/** Blocks whose lines belong together: a list with its lead-in, a table's rows, a definition list, a page's footnotes. */
const LINE_BLOCKS = new Set<Block['kind']>(['list', 'table', 'definition', 'note']);

/** The quotable units of a block. */
export function blockUnits(document: Document, block: Block): QuoteUnit[] {
  switch (block.kind) {
    case 'paragraph':
      return splitSentences(document.text, block.start, block.end);
    case 'code':
      return [{ start: block.start, end: block.end, code: true }];
    case 'infobox':
      return [{ start: block.start, end: block.end, field: true }];
    case 'note':
      return (block.units?.length ? block.units : [block]).map((unit) => ({ start: unit.start, end: unit.end, note: true }));
    case 'list':
      // The lead-in and each item, as the parser recorded them (or the whole block).
      return block.units?.length ? block.units.map((unit) => ({ start: unit.start, end: unit.end })) : [{ start: block.start, end: block.end }];
    default:
      // Tables and definitions: each row or entry a field.
      return (block.units?.length ? block.units : [block]).map((unit) => ({ start: unit.start, end: unit.end, field: true }));
  }
}

/**
 * Section- and block-aware chunking: chunks never cross a section boundary, are made of whole units (sentences,
 * list items, table rows, code blocks), keep a block whole when it fits (a list stays with its lead-in), and keep
 * exact offsets into the document text.
 */
export function chunkDocument(document: Document, settings: ChunkerSettings): Chunk[] {
  const chunks: Chunk[] = [];
  const bySection = new Map<number, { kind: Block['kind']; units: QuoteUnit[] }[]>();
  for (const block of document.blocks) {
    const groups = bySection.get(block.section) ?? [];
    groups.push({ kind: block.kind, units: blockUnits(document, block) });
    bySection.set(block.section, groups);
  }

  for (const [sectionIndex, groups] of [...bySection.entries()].sort((a, b) => a[0] - b[0])) {
    const section = document.sections[sectionIndex];
    const title = section?.title ?? document.title;
    const path = sectionPath(document, sectionIndex);
    let current: QuoteUnit[] = [];
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
    const add = (unit: QuoteUnit, keepWithPrevious: boolean) => {
      const length = current.length === 0 ? 0 : unit.end - current[0]!.start;
      if (current.length > 0 && length > settings.chunkSize && !keepWithPrevious) {
        emit();
        const carried = settings.overlapSentences > 0 ? current.slice(-settings.overlapSentences).filter((carry) => !carry.code) : [];
        // Overlap only when it leaves room for new text.
        current = carried.length > 0 && unit.end - carried[0]!.start <= settings.chunkSize * 1.5 ? [...carried] : [];
      }
      current.push(unit);
    };
    for (const { kind, units } of groups) {
      const blockLength = units[units.length - 1]!.end - units[0]!.start;
      // A list, table or definition list up to this size stays whole in one chunk: split from its lead-in or header
      // it loses its meaning, and twice the chunk size still bounds how large a chunk grows.
      const keepWhole = LINE_BLOCKS.has(kind) && units.length > 1 && blockLength <= settings.chunkSize * MAX_WHOLE_BLOCK_CHUNKS;
      // A block kept whole starts a new chunk when it would overflow this one; so does a longer list whose lead-in and
      // first item would not both fit, so that the lead-in never ends a chunk apart from its items.
      const overflowsAt = keepWhole ? units.length - 1 : kind === 'list' && units.length > 1 ? 1 : -1;
      if (overflowsAt >= 0 && current.length > 0 && units[overflowsAt]!.end - current[0]!.start > settings.chunkSize) {
        emit();
        current = [];
      }
      // A list's first item stays with its lead-in (or first item) whatever the size.
      units.forEach((unit, i) => add(unit, (keepWhole && i > 0) || (kind === 'list' && i === 1)));
    }
    emit();
  }
  return chunks;
}
