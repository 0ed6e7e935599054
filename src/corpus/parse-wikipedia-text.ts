import { closeSections } from './clean-text-builder.js';
import type { Block, Document, Reference, Section } from '../domain/document.js';

/**
 * Understands a plain-text Wikipedia dump: a title line, the "From Wikipedia…" / "Jump to:" preamble, an infobox
 * flattened to lines, `Heading[edit]` sections with short sub-heading lines, footnote markers and the References
 * list. Returns sections, references and answer blocks with offsets into the unchanged text.
 */
export function looksLikeWikipediaText(text: string): boolean {
  return /^[^\n]+\[edit\]\s*$/m.test(text) || /^From Wikipedia, the free encyclopedia\s*$/m.test(text);
}

const PREAMBLE = [/^From Wikipedia, the free encyclopedia$/, /^Jump to: navigation, search$/, /^\(Redirected from .*\)$/];
// Sections whose content is navigation or bibliography, never answer material.
const NON_CONTENT_SECTIONS = /^(references|notes|footnotes|citations|external links|see also|further reading|bibliography|sources)$/i;
// Infobox field labels as Wikipedia prints them. A line equal to one of these is a label whose value is the next line.
const INFOBOX_LABELS = [
  'formation', 'founded', 'founder', 'type', 'legal status', 'purpose', 'headquarters', 'location', 'coordinates',
  'region served', 'membership', 'members', 'official language', 'official languages', 'languages',
  'director general', 'director-general', 'secretary general', 'secretary-general', 'president', 'chairman',
  'leader', 'key people', 'parent organization', 'affiliations', 'budget', 'revenue', 'staff', 'employees',
  'volunteers', 'website', 'motto', 'abbreviation', 'predecessor', 'successor', 'formerly', 'dissolved', 'area served',
];

/** "Formation 1951" → ["Formation", "1951"]; "Staff\n8,400" → ["Staff", "8,400"]; undefined for other lines. */
export function splitInfoboxField(text: string): [string, string] | undefined {
  const lines = text.split(/\s*\n\s*/);
  if (lines.length === 2 && INFOBOX_LABELS.includes(lines[0]!.toLowerCase())) return [lines[0]!, lines[1]!];
  const lower = text.toLowerCase();
  const label = INFOBOX_LABELS.filter((candidate) => lower.startsWith(`${candidate} `)).sort((a, b) => b.length - a.length)[0];
  return label ? [text.slice(0, label.length), text.slice(label.length + 1).trim()] : undefined;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const raw = text.slice(start, end);
    const trimmedEnd = end - (raw.length - raw.trimEnd().length);
    lines.push({ start, end: trimmedEnd, text: raw.trim() });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

const isBlank = (line: Line | undefined) => !line || line.text === '';

/** A short line standing alone between blank lines, not ending like a sentence: a sub-heading. */
function isSubHeading(lines: Line[], index: number): boolean {
  const line = lines[index];
  if (!line || line.text === '') return false;
  if (!isBlank(lines[index - 1]) || !isBlank(lines[index + 1])) return false;
  const text = line.text;
  if (text.length > 60 || /[.!?:;,"”\]]$/.test(text) || /^[“"]/.test(text)) return false;
  const wordCount = text.split(/\s+/).length;
  return wordCount <= 8 && /^[A-Z0-9]/.test(text);
}

export function parseWikipediaText(input: { id: string; file: string; text: string; url?: string }): Document {
  const { text } = input;
  const lines = splitLines(text);
  const sections: Section[] = [];
  const references: Reference[] = [];
  const blocks: Block[] = [];

  let index = 0;
  while (index < lines.length && isBlank(lines[index])) index += 1;
  const titleLine = lines[index];
  const title = titleLine?.text.replace(/\[edit\]$/, '') || input.id;
  index += 1;

  // Preamble and infobox: everything before the first paragraph of prose.
  const firstHeading = lines.findIndex((line) => /\[edit\]$/.test(line.text));
  const leadEnd = firstHeading === -1 ? lines.length : firstHeading;
  let proseStart = index;
  for (let i = index; i < leadEnd; i += 1) {
    const line = lines[i]!;
    if (line.text.length > 120 && /[.!?](\[\d+\])*$/.test(line.text)) {
      proseStart = i;
      break;
    }
  }
  const infoboxLines = lines.slice(index, proseStart).filter((line) => line.text && !PREAMBLE.some((p) => p.test(line.text)));
  if (infoboxLines.length > 0) {
    const first = infoboxLines[0]!;
    const last = infoboxLines[infoboxLines.length - 1]!;
    sections.push({ title: 'Infobox', level: 0, start: first.start, bodyStart: first.start, end: last.end });
    const sectionIndex = sections.length - 1;
    for (let i = 0; i < infoboxLines.length; i += 1) {
      const line = infoboxLines[i]!;
      if (/\.(svg|png|jpe?g|gif)$/i.test(line.text)) continue; // an image file name, not a fact
      const next = infoboxLines[i + 1];
      if (INFOBOX_LABELS.includes(line.text.toLowerCase()) && next) {
        blocks.push({ start: line.start, end: next.end, section: sectionIndex, kind: 'infobox' });
        i += 1;
      } else {
        blocks.push({ start: line.start, end: line.end, section: sectionIndex, kind: 'infobox' });
      }
    }
  }

  // Lead section: prose before the first heading.
  let current: { sectionIndex: number; skip: boolean } = { sectionIndex: -1, skip: false };
  const leadLine = lines[proseStart];
  if (leadLine && proseStart < leadEnd) {
    sections.push({ title: 'Introduction', level: 0, start: leadLine.start, bodyStart: leadLine.start, end: leadLine.start });
    current = { sectionIndex: sections.length - 1, skip: false };
  }
  let parentIndex = -1;
  let parentSkip = false;

  for (let i = proseStart; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.text === '') continue;
    if (/\[edit\]$/.test(line.text)) {
      const heading = line.text.replace(/\[edit\]$/, '').trim();
      sections.push({ title: heading, level: 1, start: line.start, bodyStart: line.end, end: line.end });
      parentIndex = sections.length - 1;
      parentSkip = NON_CONTENT_SECTIONS.test(heading);
      current = { sectionIndex: parentIndex, skip: parentSkip };
      continue;
    }
    if (parentIndex !== -1 && !parentSkip && isSubHeading(lines, i)) {
      sections.push({ title: line.text, level: 2, start: line.start, bodyStart: line.end, end: line.end });
      current = { sectionIndex: sections.length - 1, skip: false };
      continue;
    }
    const reference = /^(\d{1,3})\.\s*\^\s*(.*)$/.exec(line.text);
    if (reference && parentSkip) {
      references.push({ n: Number(reference[1]), text: reference[2]!.trim() });
      continue;
    }
    if (current.skip || current.sectionIndex === -1) continue;
    blocks.push({ start: line.start, end: line.end, section: current.sectionIndex, kind: 'paragraph' });
  }

  closeSections(sections, text);
  return { id: input.id, title, ...(input.url ? { url: input.url } : {}), file: input.file, text, sections, references, blocks };
}
