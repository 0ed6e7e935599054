import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/article-index.js';

/** Debian's Chromium (`apt-get install -y chromium`); `.ci/run` installs it when missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test', 'artifacts');

/** Flags for a headless run with no network of its own: no QUIC, no updates, no sync, no first-run UI. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  /** Uncaught script errors of every page opened through `newPage`; tests assert it stays empty. */
  pageErrors: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile directory, removed on close. */
export async function launchBrowser(): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  }
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'cite-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 800 },
  });
  context.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  return {
    context,
    pageErrors,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A tiny HTTP server on 127.0.0.1 that serves the HTML returned by `render(path)`: a stand-in for a customer site. */
export async function startHostPage(render: (urlPath: string) => string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(render(request.url ?? '/'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface StreamedEvent {
  event: string;
  data: any;
}

/** Parses a complete `text/event-stream` body into its events (comment lines skipped). */
export function parseSseBody(body: string): StreamedEvent[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(':')) continue;
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      return data.length ? { event, data: JSON.parse(data.join('\n')) } : undefined;
    })
    .filter((event): event is StreamedEvent => event !== undefined);
}

/** The final answer of a `/api/chat` exchange seen by the page. */
export async function answerFromResponse(responseBody: Promise<string>): Promise<any> {
  const events = parseSseBody(await responseBody);
  const done = events.find((event) => event.event === 'done');
  if (!done) throw new Error(`no done event in the stream: ${JSON.stringify(events.map((event) => event.event))}`);
  return done.data;
}

/** Something with `locator()`: a page, or a locator scoping a widget. */
interface Scope {
  locator: Page['locator'];
}

/**
 * Types `question` into the chat's question box with the keyboard, presses Enter, and waits for the answer to
 * finish. Returns the final answer as streamed by the server and the request body the page sent.
 */
export async function askInChat(page: Page, scope: Scope, question: string): Promise<{ answer: any; requestBody: any; bubble: ReturnType<Page['locator']> }> {
  const finishedBefore = await scope.locator('.message--assistant:not([data-state="streaming"])').count();
  const responsePromise = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/chat' && response.request().method() === 'POST');
  await scope.locator('textarea[name="question"]').focus();
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
  const response = await responsePromise;
  const answer = await answerFromResponse(response.text());
  const bubble = scope.locator('.message--assistant').nth(finishedBefore);
  await scope.locator('.message--assistant:not([data-state="streaming"])').nth(finishedBefore).waitFor();
  return { answer, requestBody: response.request().postDataJSON(), bubble };
}
