import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { buildTestIndex, type TestIndex } from '../helpers/article-index.js';
import { listen } from '../helpers/start-app.js';
import { ARTIFACTS_DIR, askInChat, launchBrowser, startHostPage, type BrowserSession } from './browser-harness.js';

/** A customer page with loud global styles, including class names the widget also uses. */
function hostPage(widgetTag: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer site</title>
<style>
  body { font-family: Georgia, serif; color: rgb(64, 0, 32); background: rgb(255, 238, 255); line-height: 2.5; margin: 24px; }
  * { letter-spacing: 1px; }
  button { background: rgb(255, 0, 0) !important; font-size: 30px; border-radius: 0; }
  p, .message, .source, .cite-chat, mark { color: rgb(0, 100, 0); margin: 30px; padding: 7px; }
</style></head>
<body>
  <h1 id="host-title">Customer site</h1>
  <p id="host-text">Some host text.</p>
  <div class="message" id="host-message">A host element with a class name the widget uses too.</div>
  <button id="host-button" type="button">Host button</button>
  ${widgetTag}
</body></html>`;
}

const HOST_ELEMENTS = ['body', '#host-title', '#host-text', '#host-message', '#host-button'];
const STYLE_PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'line-height',
  'letter-spacing',
  'margin',
  'padding',
  'border-radius',
  'display',
  'box-sizing',
];

const hostStyles = (page: Page) =>
  page.evaluate(
    ({ selectors, properties }) =>
      selectors.map((selector) => {
        const style = getComputedStyle(document.querySelector(selector)!);
        return [selector, Object.fromEntries(properties.map((property) => [property, style.getPropertyValue(property)]))];
      }),
    { selectors: HOST_ELEMENTS, properties: STYLE_PROPERTIES },
  );

describe('embeddable widget on another site, in a real browser', () => {
  let testIndex: TestIndex;
  let browser: BrowserSession;
  let server: Awaited<ReturnType<typeof listen>>;
  let allowedHost: Awaited<ReturnType<typeof startHostPage>>;
  let otherHost: Awaited<ReturnType<typeof startHostPage>>;

  beforeAll(async () => {
    [testIndex, browser] = await Promise.all([buildTestIndex(), launchBrowser()]);
    let endpoint = '';
    const render = (urlPath: string) => hostPage(urlPath === '/plain' ? '' : `<script src="${endpoint}/widget.js" data-endpoint="${endpoint}" defer></script>`);
    allowedHost = await startHostPage(render);
    otherHost = await startHostPage(render);
    const handle = new IndexHandle(testIndex.reader);
    // CORS_ORIGINS lists the customer site (another port, so another origin); `otherHost` is not listed.
    server = await listen(
      createTestApp({
        config: { ...testIndex.config, corsOrigins: [allowedHost.origin] },
        index: handle,
        answerer: createExtractiveAnswerer(() => handle.get()),
      }),
    );
    endpoint = server.baseUrl;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await allowedHost?.close();
    await otherHost?.close();
    await testIndex?.cleanup();
  });
  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
  });

  it('opens, answers with citations intact, leaves the host styles alone, and keeps the conversation across a reload', async () => {
    const page = await browser.newPage();
    await page.goto(`${allowedHost.origin}/plain`);
    const before = await hostStyles(page);

    await page.goto(`${allowedHost.origin}/`);
    const widget = page.locator('[data-cite-widget]');
    const launcher = widget.locator('.cite-widget__launcher');
    await launcher.waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'widget-closed.png') });

    // The host's `button { background: red !important }` and Georgia font do not reach inside the widget.
    const launcherStyle = await launcher.evaluate((element) => ({
      background: getComputedStyle(element).backgroundColor,
      font: getComputedStyle(element).fontFamily,
    }));
    expect(launcherStyle.background).not.toBe('rgb(255, 0, 0)');
    expect(launcherStyle.font).not.toMatch(/Georgia/);

    await launcher.click();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const { answer, bubble } = await askInChat(page, widget, 'What was IOM called in 1980?');
    expect(answer.grounded).toBe(true);
    const markers = bubble.locator('.citation-marker');
    expect(await markers.count()).toBe((answer.answer.match(/\[\d+\]/g) ?? []).length);
    expect(await markers.count()).toBeGreaterThan(0);
    expect(await bubble.locator('.source').count()).toBe(answer.citations.length);
    expect(await bubble.locator('.message__text').evaluate((element) => getComputedStyle(element).letterSpacing)).toBe('normal');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'widget-answer.png') });

    await markers.first().click();
    const mark = widget.locator('dialog.source-viewer[open] mark.quote-highlight');
    expect(await mark.textContent()).toBe(answer.citations[0].quote);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'widget-source-viewer.png') });
    await page.keyboard.press('Escape');
    await widget.locator('dialog.source-viewer[open]').waitFor({ state: 'detached' });

    expect(await hostStyles(page)).toEqual(before);

    // After a reload the conversation is back, with the same citations and working source links.
    await page.reload();
    await widget.locator('.cite-widget__launcher').click();
    const restored = widget.locator('.message--assistant').first();
    await restored.waitFor();
    expect(await widget.locator('.message--user').first().textContent()).toBe('What was IOM called in 1980?');
    expect(await restored.locator('.citation-marker').count()).toBe(await markers.count());
    expect(await restored.locator('.source__quote').allTextContents()).toEqual(answer.citations.map((citation: { quote: string }) => citation.quote));
    await restored.locator('.citation-marker').first().click();
    expect(await widget.locator('dialog.source-viewer[open] mark.quote-highlight').textContent()).toBe(answer.citations[0].quote);
    await page.keyboard.press('Escape');
    expect(await hostStyles(page)).toEqual(before);
    await page.close();
  });

  it('fits a 360 px wide phone screen', async () => {
    const page = await browser.newPage({ width: 360, height: 740 });
    await page.goto(`${allowedHost.origin}/`);
    const widget = page.locator('[data-cite-widget]');
    await widget.locator('.cite-widget__launcher').click();
    const panel = await widget.locator('.cite-widget__panel').boundingBox();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'widget-360.png') });
    await page.close();
  });

  it('is refused by the API on a site that CORS_ORIGINS does not list, and says so visibly', async () => {
    const page = await browser.newPage();
    await page.goto(`${otherHost.origin}/`);
    const widget = page.locator('[data-cite-widget]');
    await widget.locator('.cite-widget__launcher').click();
    await widget.locator('textarea[name="question"]').focus();
    await page.keyboard.type('What was IOM called in 1980?');
    await page.keyboard.press('Enter');
    const alert = widget.locator('.message--assistant [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/could not reach the server/i);
    await page.close();
  });
});
