import type { Span } from '../text/sentences.js';

/** A heading and the span of text it governs (`start` at the heading line, `end` before the next peer heading). */
export interface Section extends Span {
  title: string;
  /** 1 for `Heading[edit]` / `#` headings, 2 for sub-headings. 0 for the lead and infobox. */
  level: number;
  /** Where the body starts (after the heading line). */
  bodyStart: number;
}

export interface Reference {
  n: number;
  text: string;
}

/** A unit of answer material: a paragraph, an infobox field, a list. Chunks are made of whole blocks. */
export interface Block extends Span {
  /** Index into `sections` of the innermost section holding the block. */
  section: number;
  kind: 'paragraph' | 'infobox';
}

/** A document as indexed: its text is the truth that every offset points into. */
export interface Document {
  id: string;
  title: string;
  url?: string;
  /** Path relative to the corpus folder. */
  file: string;
  text: string;
  sections: Section[];
  references: Reference[];
  /** Answer material only: no preamble, headings, reference lists or navigation. */
  blocks: Block[];
}

/** Title path of the section at `index`, e.g. "Activities › Counter-Trafficking". */
export function sectionPath(document: Document, index: number): string {
  const section = document.sections[index];
  if (!section) return document.title;
  if (section.level <= 1) return section.title;
  for (let i = index - 1; i >= 0; i -= 1) {
    const parent = document.sections[i];
    if (parent && parent.level < section.level && parent.start <= section.start && parent.end >= section.end) {
      return `${parent.title} › ${section.title}`;
    }
  }
  return section.title;
}
