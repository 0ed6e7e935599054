import type { Block, BlockKind, Document } from '../domain/document.js';

/** Kinds that page furniture takes (breadcrumbs, language switchers, footers, "edit this page" notes); code that
 * repeats across pages (`GET / HTTP/1.1`) is an example each page teaches with, not furniture. */
const FURNITURE_KINDS = new Set<BlockKind>(['paragraph', 'list', 'definition', 'table']);

/**
 * A block repeated in at least this many documents may be furniture: two documents sharing a paragraph is as likely
 * a quotation or a shared definition as a site footer, and in a corpus of one or two documents nothing can be told
 * apart from content by repetition.
 */
const MIN_DOCUMENTS = 3;
/**
 * …and in more than this share of the corpus: furniture is on (nearly) every page of a site, while a sentence that
 * several related pages share on purpose (a caveat, a definition) is on a minority of them.
 */
const MIN_SHARE = 0.5;
/**
 * Furniture is the small part of a page around its content. When repeated blocks make up more than this share of a
 * document's characters, the document is a copy or a version of another one (a mirror, "variant 2"), whose content
 * is real: nothing is dropped from it.
 */
const MAX_FURNITURE_SHARE = 0.5;

/**
 * Drops page furniture that repeats across the documents of a corpus: a paragraph, list, definition or table
 * block whose text (whitespace and case normalised) appears in at least {@link MIN_DOCUMENTS} documents and in
 * more than half of them, unless such blocks are most of the document (a copy, not furniture). Only `blocks` change: the clean text keeps the words (the source viewer shows the page as
 * it was) and every offset stays valid, but the furniture is no longer answer material.
 */
export function dropRepeatedBlocks(documents: Document[]): Document[] {
  if (documents.length < MIN_DOCUMENTS) return documents;
  const documentCounts = new Map<string, number>();
  for (const document of documents) {
    const keys = new Set(document.blocks.filter(isCandidate).map((block) => blockKey(document, block)));
    for (const key of keys) documentCounts.set(key, (documentCounts.get(key) ?? 0) + 1);
  }
  const isFurniture = (document: Document, block: Block) => {
    if (!isCandidate(block)) return false;
    const count = documentCounts.get(blockKey(document, block)) ?? 0;
    return count >= MIN_DOCUMENTS && count > documents.length * MIN_SHARE;
  };
  return documents.map((document) => {
    const blocks = document.blocks.filter((block) => !isFurniture(document, block));
    if (blocks.length === document.blocks.length) return document;
    const length = (list: Block[]) => list.reduce((sum, block) => sum + block.end - block.start, 0);
    const total = length(document.blocks);
    if (total - length(blocks) > total * MAX_FURNITURE_SHARE) return document;
    return { ...document, blocks };
  });
}

function isCandidate(block: Block): boolean {
  return FURNITURE_KINDS.has(block.kind);
}

/** The block's text with whitespace and case normalised, prefixed by its kind. */
function blockKey(document: Document, block: Block): string {
  return `${block.kind}\0${document.text.slice(block.start, block.end).replace(/\s+/g, ' ').trim().toLowerCase()}`;
}
