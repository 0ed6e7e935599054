import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { SUPPORTED_EXTENSIONS } from './load-corpus.js';

/** Files that belong to the corpus without being documents: a document's sidecar and an Antora component descriptor
 * (read for what they say of the documents). Dotfiles (`.asciidoctorconfig`, `.git`) are never listed. */
const COMPANION = /\.meta\.json$|(?:^|\/)antora\.yml$/i;

/**
 * How many files of each type under `dir` no reader takes (pictures, spreadsheets, slides, archives…), by extension
 * (`(none)` for a name without one), most first: ingest names them, so a user who expected a file to be answered from
 * knows why it is not. Nothing is read but the folder listing.
 */
export async function unreadFileTypes(dir: string): Promise<{ extension: string; count: number }[]> {
  const counts = new Map<string, number>();
  async function walk(prefix: string): Promise<void> {
    const entries = await readdir(path.join(dir, prefix), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(relative);
      else if (entry.isFile() && !COMPANION.test(relative)) {
        const extension = path.extname(entry.name).toLowerCase() || '(none)';
        if (!SUPPORTED_EXTENSIONS.includes(extension)) counts.set(extension, (counts.get(extension) ?? 0) + 1);
      }
    }
  }
  await walk('');
  return [...counts].map(([extension, count]) => ({ extension, count })).sort((a, b) => b.count - a.count || (a.extension < b.extension ? -1 : 1));
}

/** "80 .png, 30 .svg, 2 .pptx": the unread types in one line. */
export const describeUnread = (unread: { extension: string; count: number }[]) => unread.map(({ extension, count }) => `${count} ${extension}`).join(', ');
