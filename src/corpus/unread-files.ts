import path from 'node:path';

/** Files that belong to the corpus without being documents: a document's sidecar and an Antora component descriptor
 * (read for what they say of the documents). Dotfiles (`.asciidoctorconfig`, `.git`) are never listed. */
export const COMPANION_FILE = /\.meta\.json$|(?:^|\/)antora\.yml$/i;

/** How many files of one type no reader takes (pictures, spreadsheets, slides, archives, code…): ingest names them,
 * so a user who expected a file to be answered from knows why it is not. */
export interface UnreadType {
  /** `.png`, `.1.gz`, `(none)` for a name without an extension. */
  extension: string;
  count: number;
}

/** Counts `name` under its type in `counts`. */
export function countUnread(counts: Map<string, number>, name: string): void {
  const compressed = /\.gz$/i.test(name) && name.length > 3;
  const inner = compressed ? name.slice(0, -3) : name;
  const extension = `${path.extname(inner).toLowerCase() || (compressed ? '' : '(none)')}${compressed ? '.gz' : ''}`;
  counts.set(extension, (counts.get(extension) ?? 0) + 1);
}

/** "80 .png, 30 .svg, 2 .pptx": the unread types in one line. */
export const describeUnread = (unread: UnreadType[]) => unread.map(({ extension, count }) => `${count} ${extension}`).join(', ');
