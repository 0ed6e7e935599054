import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEvent, Answerer } from '../../src/answer/answer-types.js';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { AppError } from '../../src/errors.js';
import type { FeedbackStore } from '../../src/feedback/feedback-store.js';
import { openSqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { buildTestIndex, type TestIndex } from '../helpers/article-index.js';
import { listen } from '../helpers/start-app.js';
import { ARTIFACTS_DIR, askInChat, launchBrowser, type BrowserSession } from './browser-harness.js';

/**
 * The chat page at `/` in headless Chromium, against a real server: the real article indexed with the local
 * encoder, extractive answers. Assertions are about behaviour (streaming, citations, highlight offsets, states),
 * not the exact wording of answers.
 */
describe('chat page in a real browser', () => {
  let testIndex: TestIndex;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: BrowserSession;
  let sourceText: string;
  let references: { n: number; text: string }[];
  let sectionTitles: string[];
  let feedback: FeedbackStore;

  beforeAll(async () => {
    [testIndex, browser] = await Promise.all([buildTestIndex(), launchBrowser()]);
    const handle = new IndexHandle(testIndex.reader);
    feedback = openSqliteFeedbackStore({ dataDir: ':memory:' });
    server = await listen(createTestApp({ config: testIndex.config, index: handle, answerer: createExtractiveAnswerer(() => handle.get()), feedback }));
    const source = await (await fetch(`${server.baseUrl}/api/sources/international-organization-for-migration`)).json();
    sourceText = source.text;
    references = source.references;
    const sources = await (await fetch(`${server.baseUrl}/api/sources`)).json();
    sectionTitles = sources.sources.flatMap((entry: { sections: string[] }) => entry.sections);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await testIndex?.cleanup();
  });
  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
  });

  /** Records, from inside the page, whether an answer was ever shown with text while still streaming. */
  const watchStreaming = (page: Page) =>
    page.evaluate(() => {
      const state = { sawPartialText: false };
      (window as unknown as { __streaming: typeof state }).__streaming = state;
      new MutationObserver(() => {
        document.querySelectorAll<HTMLElement>('.message--assistant[data-state="streaming"]').forEach((message) => {
          if ((message.querySelector('.message__text')?.textContent ?? '').trim() !== '') state.sawPartialText = true;
        });
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });

  it('offers starter questions from the sections, streams an answer with a citation, and highlights the quote exactly', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    const starters = await page.locator('.cite-chat__starter').allTextContents();
    expect(starters.length).toBeGreaterThan(0);
    for (const starter of starters) expect(sectionTitles.some((title) => starter.toLowerCase().includes(title.toLowerCase()))).toBe(true);
    await expect(page.getByRole('textbox', { name: 'Your question' }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'page-empty.png') });

    await watchStreaming(page);
    const { answer, bubble } = await askInChat(page, page, 'What was IOM called in 1980?');
    expect(await page.evaluate(() => (window as unknown as { __streaming: { sawPartialText: boolean } }).__streaming.sawPartialText)).toBe(true);
    expect(answer.grounded).toBe(true);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(await bubble.getAttribute('aria-busy')).toBe('false');

    // Every [n] in the answer is a link, and the sources list shows each citation's section and quote.
    const markers = bubble.locator('.citation-marker');
    expect(await markers.count()).toBe((answer.answer.match(/\[\d+\]/g) ?? []).length);
    const sources = bubble.locator('.source');
    expect(await sources.count()).toBe(answer.citations.length);
    for (const [i, citation] of answer.citations.entries()) {
      expect(await sources.nth(i).locator('.source__label').textContent()).toContain(citation.section);
      expect(await sources.nth(i).locator('.source__quote').textContent()).toBe(citation.quote);
    }
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'page-answer.png'), fullPage: true });

    // Clicking [1] opens the document scrolled to the quote, highlighted by its offsets.
    const first = answer.citations[0];
    await markers.first().click();
    const dialog = page.locator('dialog.source-viewer[open]');
    const mark = dialog.locator('mark.quote-highlight');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(first.quote);
    expect(sourceText.slice(first.start, first.end)).toBe(first.quote);
    expect(await dialog.locator('.source-viewer__section').textContent()).toContain(first.section);
    const original = await dialog.locator('.source-viewer__original').getAttribute('href');
    expect(original?.startsWith(`${first.url}#:~:text=`)).toBe(true);
    const body = await dialog.locator('.source-viewer__body').boundingBox();
    const markBox = await mark.boundingBox();
    expect(markBox!.y).toBeGreaterThanOrEqual(body!.y - 1);
    expect(markBox!.y + Math.min(markBox!.height, 40)).toBeLessThanOrEqual(body!.y + body!.height + 1);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'page-source-viewer.png') });

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });

  it('links footnote markers inside a highlighted passage to the reference list', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    const { answer, bubble } = await askInChat(page, page, 'How many member states and observer states did IOM have in December 2013?');
    const withFootnote = answer.citations.find((citation: { quote: string }) => /\[\d+\]/.test(citation.quote));
    expect(withFootnote, 'the cited member-states sentence carries a footnote marker in the article').toBeDefined();
    const n = Number(withFootnote.quote.match(/\[(\d+)\]/)![1]);
    await bubble.locator(`.citation-marker[data-n="${withFootnote.n}"]`).first().click();
    const dialog = page.locator('dialog.source-viewer[open]');
    const footnote = dialog.locator('mark.quote-highlight .footnote-marker', { hasText: `[${n}]` });
    await footnote.click();
    const reference = dialog.locator(`[data-reference="${n}"]`);
    expect(await reference.getAttribute('class')).toContain('reference--target');
    expect(await reference.textContent()).toBe(references.find((entry) => entry.n === n)!.text);
    await page.close();
  });

  it('sends the conversation as history, so a follow-up is understood', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    const firstQuestion = 'What was IOM called in 1980?';
    const first = await askInChat(page, page, firstQuestion);
    expect(first.answer.grounded).toBe(true);
    const followUp = await askInChat(page, page, 'And when was it renamed after that?');
    expect(followUp.requestBody.history).toEqual([
      { role: 'user', content: firstQuestion },
      { role: 'assistant', content: first.answer.answer },
    ]);
    expect(followUp.answer.grounded).toBe(true);
    expect(followUp.answer.citations.length).toBeGreaterThan(0);
    // The article: "…(ICM) in 1980, and to the International Organization for Migration (IOM) in 1989".
    expect(await followUp.bubble.locator('.message__text').textContent()).toContain('1989');
    expect(followUp.answer.citations.some((citation: { quote: string }) => citation.quote.includes('1989'))).toBe(true);
    expect(await followUp.bubble.locator('.citation-marker').count()).toBeGreaterThan(0);

    // A reload brings the conversation back, citations included, and the next question still carries it.
    await page.reload();
    const restored = page.locator('.message--assistant');
    await restored.nth(1).waitFor();
    expect(await page.locator('.message--user').allTextContents()).toEqual([firstQuestion, 'And when was it renamed after that?']);
    expect(await restored.nth(1).locator('.citation-marker').count()).toBe(followUp.answer.citations.length);
    const third = await askInChat(page, page, 'Where is it headquartered?');
    expect(third.requestBody.history.map((turn: { content: string }) => turn.content)).toEqual([
      firstQuestion,
      first.answer.answer,
      'And when was it renamed after that?',
      followUp.answer.answer,
    ]);
    await page.close();
  });

  it('rates an answer with the thumbs buttons, stored with the answer it rates', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    const { answer, bubble } = await askInChat(page, page, 'When was IOM founded?');
    expect(typeof answer.answerId).toBe('string');
    const rated = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/feedback');
    await bubble.getByRole('button', { name: 'Not helpful', exact: true }).click();
    const response = await rated;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toEqual({ answerId: answer.answerId, rating: 'down' });
    await bubble.locator('.message__feedback-status', { hasText: 'Thanks for your feedback.' }).waitFor();
    expect(await bubble.getByRole('button', { name: 'Not helpful', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await bubble.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed')).toBe('false');
    expect(feedback.summarise().ratings).toEqual({ up: 0, down: 1 });
    await page.close();
  });

  it('shows a clear "sources don\'t say" state for a question the article does not answer', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    const { answer, bubble } = await askInChat(page, page, 'What is the population of Geneva?');
    expect(answer.grounded).toBe(false);
    expect(await bubble.getAttribute('data-grounded')).toBe('false');
    expect(await bubble.locator('.message__notice').textContent()).toMatch(/sources don.t say/i);
    expect(await bubble.locator('.citation-marker').count()).toBe(0);
    await page.close();
  });

  it('is usable with the keyboard alone at 360 px wide', async () => {
    const page = await browser.newPage({ width: 360, height: 740 });
    await page.goto(`${server.baseUrl}/`);
    // The question box has focus on load; Enter asks.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('question');
    await askInChat(page, page, 'When was IOM founded?');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'page-360.png') });

    // Tab backwards from the question box to the last citation link, open it with Enter, close it with Escape.
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses += 1) {
      await page.keyboard.press('Shift+Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('citation-marker') ?? false);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    const mark = page.locator('dialog.source-viewer[open] mark.quote-highlight');
    await mark.waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'page-360-source-viewer.png') });
    await page.keyboard.press('Escape');
    await page.locator('dialog.source-viewer[open]').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('citation-marker') ?? false)).toBe(true);
    // Screen readers: a labelled conversation log and a status region.
    expect(await page.getByRole('log', { name: 'Conversation' }).count()).toBe(1);
    expect(await page.getByRole('status').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('shows a visible error when the server fails, before or during the stream', async () => {
    const failingMidStream: Answerer = {
      answer: () => Promise.reject(new Error('not used')),
      async *stream(): AsyncIterable<AnswerEvent> {
        yield { type: 'citations', citations: [] };
        yield { type: 'delta', text: 'Partial' };
        throw new AppError('overloaded', 'The server is busy; try again in a moment.');
      },
    };
    const noIndex = await listen(createTestApp({ config: testIndex.config, index: new IndexHandle(), answerer: failingMidStream }));
    const midStream = await listen(createTestApp({ config: testIndex.config, index: new IndexHandle(testIndex.reader), answerer: failingMidStream }));
    try {
      for (const [target, message] of [
        [noIndex, /npm run ingest/],
        [midStream, /busy/],
      ] as const) {
        const page = await browser.newPage();
        await page.goto(`${target.baseUrl}/`);
        const { bubble } = await askInChat(page, page, 'When was IOM founded?').catch(async () => ({ bubble: page.locator('.message--assistant').first() }));
        await bubble.locator('[role="alert"]').waitFor();
        expect(await bubble.getAttribute('data-state')).toBe('error');
        expect(await bubble.locator('[role="alert"]').textContent()).toMatch(message);
        expect(await bubble.getByRole('button', { name: 'Try again' }).count()).toBe(1);
        if (target === midStream) await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'page-error.png') });
        await page.close();
      }
    } finally {
      await noIndex.close();
      await midStream.close();
    }
  });
});
