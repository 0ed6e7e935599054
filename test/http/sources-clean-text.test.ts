import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { holdsMarkup } from '../../src/text/markup.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';
import { listen, postJson } from '../helpers/start-app.js';

/** A Markdown and an HTML document served to the source viewer as clean text, with sections, and cited into it. */
let testIndex: TestIndex;
let baseUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  testIndex = await buildTestIndex(path.join(REPO_ROOT, 'test/fixtures/structured-docs'));
  const handle = new IndexHandle(testIndex.reader);
  ({ baseUrl, close } = await listen(createTestApp({ config: testIndex.config, index: handle, answerer: createExtractiveAnswerer(() => handle.get()) })));
});

afterAll(async () => {
  await close?.();
  await testIndex?.cleanup();
});

describe('GET /api/sources/:id on Markdown and HTML documents', () => {
  it.each(['kiln-manual', 'glaze-notes'])('serves %s as clean text with its sections: no markup, front matter, macros or page chrome', async (id) => {
    const source = await (await fetch(`${baseUrl}/api/sources/${id}`)).json();
    expect(holdsMarkup(source.text)).toBe(false);
    expect(source.text).not.toMatch(/slug:|\{\{|Copyright the Pottery Guild|Home\s+Kilns/);
    for (const section of source.sections) expect(source.text.slice(section.start, section.start + section.title.length)).toBe(section.title);
  });

  it('cites into that clean text: every quote is text.slice(start, end) of the served source', async () => {
    for (const question of ['Which safety tasks can the controller perform?', 'What is pinholing?', 'When should the thermocouple be replaced?']) {
      const { body } = await postJson(baseUrl, '/api/ask', { question });
      expect(body.grounded).toBe(true);
      for (const citation of body.citations) {
        const source = await (await fetch(`${baseUrl}/api/sources/${citation.sourceId}`)).json();
        expect(source.text.slice(citation.start, citation.end)).toBe(citation.quote);
      }
    }
  });
});
