import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { listen } from '../helpers/start-app.js';
import { ARTIFACTS_DIR, askInChat, launchBrowser, type BrowserSession } from './browser-harness.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/paged');

/**
 * A PDF citation checked the way a reader checks it: the chat page opens the cited page with the quote highlighted
 * by its offsets and the page number shown, and "open the original" is the PDF itself, on that page.
 */
describe('a PDF citation in the chat page', () => {
  let corpusDir: string;
  let testIndex: TestIndex;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: BrowserSession;

  beforeAll(async () => {
    corpusDir = await mkdtemp(path.join(os.tmpdir(), 'cite-paged-'));
    for (const file of ['handbook.pdf', 'harbour-guide.docx']) await copyFile(path.join(FIXTURES, file), path.join(corpusDir, file));
    [testIndex, browser] = await Promise.all([buildTestIndex(corpusDir), launchBrowser()]);
    const handle = new IndexHandle(testIndex.reader);
    server = await listen(createTestApp({ config: testIndex.config, index: handle, answerer: createExtractiveAnswerer(() => handle.get()) }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await testIndex?.cleanup();
    await rm(corpusDir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
  });

  it('opens the cited page with the quote highlighted and its number, and links the PDF on that page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    const { answer, bubble } = await askInChat(page, page, 'What are lightning rods tested with?');
    expect(answer.grounded).toBe(true);
    const citation = answer.citations[0];
    expect(citation.sourceId).toBe('handbook');
    expect(citation.page).toBe(2);
    const source = await (await fetch(`${server.baseUrl}/api/sources/handbook`)).json();
    expect(source.text.slice(citation.start, citation.end)).toBe(citation.quote);
    const cited = source.pages.find((entry: { number: number }) => entry.number === citation.page);
    expect(cited.start <= citation.start && citation.start < cited.end).toBe(true);

    await bubble.locator('.citation-marker').first().click();
    const dialog = page.locator('dialog.source-viewer[open]');
    const mark = dialog.locator('mark.quote-highlight');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(citation.quote);
    expect(await dialog.locator('.source-viewer__section').textContent()).toContain(`Page ${citation.page}`);
    // Only the cited page is shown: page 1's text is not.
    const shown = (await dialog.locator('.source-viewer__body').textContent()) ?? '';
    expect(shown).toBe(source.text.slice(cited.start, Math.max(cited.end, citation.end)));
    const original = dialog.locator('.source-viewer__original');
    await original.waitFor({ state: 'visible' });
    expect(await original.getAttribute('href')).toBe(`${server.baseUrl}/api/sources/handbook/original#page=${citation.page}`);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'page-pdf-citation.png') });
    await page.close();
  });

  it('serves the original file with its content type, and only for PDF and Word sources', async () => {
    const pdf = await fetch(`${server.baseUrl}/api/sources/handbook/original`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).equals(await readFile(path.join(FIXTURES, 'handbook.pdf')))).toBe(true);
    const word = await fetch(`${server.baseUrl}/api/sources/harbour-guide/original`);
    expect(word.headers.get('content-type')).toContain('wordprocessingml');
    const missing = await fetch(`${server.baseUrl}/api/sources/no-such-source/original`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
});
