import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { listen } from '../helpers/start-app.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const temporaryFolder = temporaryFolders('compressed-original-');

/** A gzip-compressed PDF in the corpus: "open the original" gives the reader the PDF it holds, not the archive. */
let testIndex: TestIndex;
let baseUrl: string;
let close: () => Promise<void>;
let pdf: Buffer;
let dir: string;

beforeAll(async () => {
  dir = await temporaryFolder();
  pdf = await readFile(path.join(REPO_ROOT, 'test/fixtures/paged/handbook.pdf'));
  await writeFile(path.join(dir, 'handbook.pdf.gz'), gzipSync(pdf));
  await writeFile(path.join(dir, 'NEWS.gz'), gzipSync('Release 2\n\nThe handbook gained a chapter on glazes.\n'));
  testIndex = await buildTestIndex(dir);
  const handle = new IndexHandle(testIndex.reader);
  ({ baseUrl, close } = await listen(createTestApp({ config: testIndex.config, index: handle, answerer: createExtractiveAnswerer(() => handle.get()) })));
});

afterAll(async () => {
  await close?.();
  await testIndex?.cleanup();
});

describe('GET /api/sources/:id/original of a compressed file', () => {
  it('serves a compressed PDF decompressed, as a PDF under its own name', async () => {
    const source = await (await fetch(`${baseUrl}/api/sources/handbook`)).json();
    expect(source.original.contentType).toBe('application/pdf');
    const response = await fetch(`${baseUrl}${source.original.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="handbook.pdf"');
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('offers no original for compressed plain text, which the viewer shows as clean text', async () => {
    const source = await (await fetch(`${baseUrl}/api/sources/news`)).json();
    expect(source.text).toContain('The handbook gained a chapter on glazes.');
    expect(source.original).toBeUndefined();
    expect((await fetch(`${baseUrl}/api/sources/news/original`)).status).toBe(404);
  });

  it('answers a JSON error, not a "PDF", when the compressed original is no longer valid gzip', async () => {
    await writeFile(path.join(dir, 'handbook.pdf.gz'), 'not gzip any more');
    const response = await fetch(`${baseUrl}/api/sources/handbook/original`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBeNull();
  });
});
