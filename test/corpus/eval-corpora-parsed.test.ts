import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFormat, hasNoWebMarkup } from '../../src/corpus/file-format.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { listEvalCorpora } from '../../src/eval/eval-corpora.js';
import { ABSTAIN_TYPES, readEvalSet } from '../../src/eval/eval-set.js';
import { evidenceSpans } from '../../src/eval/locate-evidence.js';
import { chunkDocument } from '../../src/ingest/chunk-document.js';
import { holdsMarkup } from '../../src/text/markup.js';
import { REPO_ROOT } from '../helpers/article-index.js';

/** Roff a manual page's reader should have read away: font escapes, string references, request and macro lines. */
const ROFF_LEFT = /\\f[BIRP(]|\\\*\(|^\.(?:TH|SH|SS|TP|IP|PP|LP|RS|RE|nf|fi|Sh|Ss|Bl|It|El|Nm|Fl|Ar|Op|Pp|Bd|Ed)\b/m;

const CORPORA = ['corpus', ...readdirSync('eval/corpora').map((name) => path.join('eval/corpora', name)).filter((dir) => statSync(dir).isDirectory())];
const EVAL_CORPORA = new Map((await listEvalCorpora(REPO_ROOT)).map((corpus) => [path.resolve(corpus.corpusDir), corpus]));

// Each corpus is parsed once for both tests below (parsing all of them takes about 20 s).
const loaded = new Map<string, ReturnType<typeof loadCorpus>>();
const parsed = (dir: string) => {
  if (!loaded.has(dir)) loaded.set(dir, loadCorpus(dir));
  return loaded.get(dir)!;
};

describe.each(CORPORA)('the eval corpus %s', (dir) => {
  it('every quotable unit holds no markup (tags, template syntax, link targets, fences, heading marks), code blocks aside', async () => {
    const { documents, files } = await parsed(dir);
    const sources = new Map(files.map((file) => [file.file, file.text]));
    const offending: string[] = [];
    for (const document of documents) {
      // A PDF's or Word file's text is its words: no markup syntax of a source can leak into it ("{{Agency Name}}" in a
      // Word template is the author's placeholder); a manual page's roff has none of these forms, but its own must be
      // read away: no font escape, string reference or request line left (a backslash may be the page's own text, as
      // jq's `\(.x)`, written `\e(` in roff).
      if (fileFormat(document.file)?.format === 'manPage' && ROFF_LEFT.test(document.text)) offending.push(`${document.file}: roff left in the text`);
      if (hasNoWebMarkup(document.file)) continue;
      for (const chunk of chunkDocument(document, { chunkSize: 900, overlapSentences: 0 })) {
        for (const unit of chunk.sentences) {
          const quote = document.text.slice(unit.start, unit.end);
          if (!unit.code && holdsMarkup(quote, sources.get(document.file))) offending.push(`${document.file}: ${quote.slice(0, 120)}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  // The eval scores recall, evidence cited and the answer models' labels by where each evidence string lies in the
  // parsed documents: one it cannot find there counts as a retrieval miss whatever the answerer does. (The sets'
  // checker looks in the raw files, where a smart quote or a table row can read otherwise.)
  it("has every eval question's evidence located in its clean text by the eval's own locator", async () => {
    const corpus = EVAL_CORPORA.get(path.resolve(dir));
    if (!corpus) return; // a folder without a question set
    const { documents } = await parsed(dir);
    const items = (await Promise.all([...corpus.fitSets, ...corpus.heldOutSets].map((set) => readEvalSet(set)))).flat();
    const unlocated = items
      .filter((item) => !ABSTAIN_TYPES.has(item.type))
      .flatMap((item) => item.evidence.filter((evidence) => evidenceSpans([evidence], documents).length === 0).map((evidence) => `${item.id}: ${evidence}`));
    expect(unlocated).toEqual([]);
  });
});

describe('holdsMarkup', () => {
  it.each(['<div class="note">Hi', 'text</p>', '{% include "x.html" %}', '{{HTTPStatus("404")}}', '{: .class}', 'see [the guide](guide.md)', '```js', '## Heading'])('finds markup in %j', (text) => {
    expect(holdsMarkup(text)).toBe(true);
  });

  it.each(['STOR <SP> <pathname> <CRLF>', 'if a < b and b > c', 'C# is a language', 'Use {braces} sparingly'])('reads %j as text', (text) => {
    expect(holdsMarkup(text)).toBe(false);
  });

  it('reads a tag the source shows as text (escaped in HTML, in a Markdown code span) as the document\'s words', () => {
    const quote = 'the <meta> element redirects';
    expect(holdsMarkup(quote)).toBe(true);
    expect(holdsMarkup(quote, '<p>the &lt;meta&gt; element redirects</p>')).toBe(false);
    expect(holdsMarkup(quote, 'the `<meta>` element redirects')).toBe(false);
    expect(holdsMarkup(quote, 'the <meta> element redirects')).toBe(true);
    const braces = 'field names in double curly brackets, like {{French}}';
    expect(holdsMarkup(braces, 'field names in double curly brackets, like `{{French}}`')).toBe(false);
    expect(holdsMarkup(braces, 'field names in double curly brackets, like {{French}}')).toBe(true);
  });
});
