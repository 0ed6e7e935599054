import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ARTICLE_CORPUS, REPO_ROOT } from './article-index.js';

/** The article the shared test index is built from, inside `ARTICLE_CORPUS`. */
export const REAL_ARTICLE_FILE = 'international-organization-for-migration.txt';
/** Two short documents with known facts (test/fixtures/README.md). */
export const SMALL_CORPUS_DIR = path.join(REPO_ROOT, 'test/fixtures/corpus-small');

export function readRealArticle(): string {
  return readFileSync(path.join(ARTICLE_CORPUS, REAL_ARTICLE_FILE), 'utf8');
}
