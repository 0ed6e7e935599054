import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { parseEpub } from '../../src/corpus/parse-epub.js';
import { chunkDocument } from '../../src/ingest/chunk-document.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const temporaryFolder = temporaryFolders('corpus-');

const chapter = (title: string, body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>The Tide Book</title></head><body>${body.replace('{title}', title)}</body></html>`;

/** An EPUB 3 as a publisher's tool writes it: a container, a package in a subfolder, a navigation document, chapters
 * in a spine order that differs from the manifest's, one chapter marked up as an <article>, a picture. */
async function makeEpub(options: { encrypted?: boolean; spine?: string } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip');
  zip.file('META-INF/container.xml', '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>');
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Tide Book</dc:title></metadata><manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="c2" href="text/chapter%202.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="text/chapter1.xhtml" media-type="application/xhtml+xml"/>
<item id="img" href="images/gauge.png" media-type="image/png"/>
</manifest><spine>${options.spine ?? '<itemref idref="nav"/><itemref idref="c1"/><itemref idref="c2"/>'}</spine></package>`,
  );
  zip.file('OEBPS/nav.xhtml', chapter('Contents', '<nav epub:type="toc"><ol><li><a href="text/chapter1.xhtml">Reading tides</a></li></ol></nav>'));
  zip.file('OEBPS/text/chapter1.xhtml', chapter('Reading tides', '<article><h1>{title}</h1><p>A tide gauge records the water level every six minutes.</p><ul><li>high water</li><li>low water</li></ul></article>'));
  zip.file(
    'OEBPS/text/chapter 2.xhtml',
    chapter(
      'Storms',
      '<header><p>{title}&nbsp;&mdash; surges</p></header><p>A storm surge can raise the sea by three&nbsp;metres.<a epub:type="noteref" href="#n1">1</a></p><img src="../images/gauge.png" alt="A gauge"/><aside epub:type="footnote" id="n1"><p>Measured at Brest in 1999.</p></aside>',
    ),
  );
  zip.file('OEBPS/images/gauge.png', new Uint8Array([137, 80, 78, 71]));
  if (options.encrypted) {
    zip.file('META-INF/encryption.xml', '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><CipherData><CipherReference URI="OEBPS/text/chapter1.xhtml"/></CipherData></EncryptedData></encryption>');
  }
  return zip.generateAsync({ type: 'uint8array' });
}

describe('parseEpub', () => {
  it('reads the chapters in spine order as sections of one document titled by the package, without the navigation', async () => {
    const document = await parseEpub({ id: 'tides', file: 'tides.epub', data: await makeEpub() });
    expect(document.title).toBe('The Tide Book');
    expect(document.sections.map((section) => section.title)).toEqual(['Reading tides']);
    expect(document.text).toContain('A tide gauge records the water level every six minutes.');
    expect(document.text.indexOf('six minutes')).toBeLessThan(document.text.indexOf('three metres'));
    expect(document.text).toMatch(/• high water\s+• low water/);
    // HTML's named entities decode; a chapter's header and its footnotes are text.
    expect(document.text).toMatch(/Storms\s— surges/);
    expect(document.text).toMatch(/three\smetres/);
    expect(document.text).toContain('Measured at Brest in 1999.');
    expect(document.text).not.toMatch(/Contents|The Tide Book\s+The Tide Book/);
    for (const chunk of chunkDocument(document, { chunkSize: 300, overlapSentences: 0 })) expect(document.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
  });

  it('names a file protected by DRM, one that is not an EPUB, and one without text', async () => {
    await expect(parseEpub({ id: 'x', file: 'x.epub', data: await makeEpub({ encrypted: true }) })).rejects.toThrow(/DRM/);
    await expect(parseEpub({ id: 'x', file: 'x.epub', data: new TextEncoder().encode('not a zip') })).rejects.toThrow(/not an EPUB/);
    await expect(parseEpub({ id: 'x', file: 'x.epub', data: await makeEpub({ spine: '<itemref idref="nav"/>' }) })).rejects.toThrow(/holds no text/);
  });
});

describe('EPUB files in a corpus folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryFolder('epub-corpus-');
    await writeFile(path.join(dir, 'tides.epub'), await makeEpub());
    await writeFile(path.join(dir, 'locked.epub'), await makeEpub({ encrypted: true }));
  });

  it('are indexed as documents; a protected one is named with the reason and the rest is read', async () => {
    const { documents, skipped } = await loadCorpus(dir);
    expect(documents.map((document) => [document.file, document.title])).toEqual([['tides.epub', 'The Tide Book']]);
    expect(skipped).toEqual([{ file: 'locked.epub', reason: expect.stringMatching(/DRM/) as unknown }]);
  });
});
