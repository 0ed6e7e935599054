import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentId, loadCorpus } from '../../src/corpus/load-corpus.js';
import { REPO_ROOT } from '../helpers/article-index.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const temporaryFolder = temporaryFolders('package-docs-');

/** A software package's doc folder as an installed package ships it: plain text named without an extension, or with
 * one that is not a format (`PROTOCOL.agent`), and the larger files gzip-compressed. */
describe('a package doc folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryFolder();
    const files: Record<string, string | Buffer> = {
      README: 'Kiln controller\n\nThe controller holds a kiln at its set temperature within two degrees.\n',
      'PROTOCOL.agent': 'The agent answers each request with one reply.\n',
      'PROTOCOL.mux': 'A multiplexed session shares one connection.\n',
      'NEWS.gz': gzipSync('Release 2.1\n\nThe controller now logs every firing to the card.\n'),
      'guide.md.gz': gzipSync('# Guide\n\nFire the glaze at cone six.\n'),
      'changelog.Debian.gz': gzipSync('kiln (2.1-1) unstable; urgency=low\n\n  * New upstream release.\n'),
      'copyright': Buffer.from('Copyright 2020 Ren\xe9e Dupont. Free to share.\n', 'latin1'),
      'README.meta.json': JSON.stringify({ title: 'Read me first' }),
      postinst: '#!/bin/sh\nset -e\n',
      firmware: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]),
      Makefile: 'all:\n\tcc kiln.c\n',
      'kiln.c': 'int main(void) { return 0; }\n',
      'kiln.1.gz': gzipSync('.TH KILN 1\n.SH NAME\nkiln \\- fire clay\n'),
      // Configuration, a key, an editor's backup and code in capitals: text, but not documents.
      fstab: 'UUID=1234 / ext4 defaults 0 1\nUUID=5678 /boot vfat umask=0077 0 1\n',
      host_key: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n',
      'guide.md~': '# Guide\n\nAn older copy of the guide, saved by the editor.\n',
      'MAIN.C': 'int main(void) { return 0; }\n',
      // Capitals with an ending Linguist calls code, but prose inside: read.
      'PROTOCOL.krl': 'The revocation list holds the keys that a host must no longer trust for any login.\n',
    };
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  });

  it('reads plain text named without an extension and compressed files, by what they hold', async () => {
    const { documents, skipped } = await loadCorpus(dir);
    expect(skipped).toEqual([]);
    const byFile = new Map(documents.map((document) => [document.file, document]));
    expect([...byFile.keys()].sort()).toEqual(['NEWS.gz', 'PROTOCOL.agent', 'PROTOCOL.krl', 'PROTOCOL.mux', 'README', 'changelog.Debian.gz', 'copyright', 'guide.md.gz', 'kiln.1.gz']);
    expect(byFile.get('NEWS.gz')!.text).toContain('The controller now logs every firing to the card.');
    // A compressed Markdown file goes through the Markdown reader: its heading is a section, not a '#' in the text.
    const guide = byFile.get('guide.md.gz')!;
    expect(guide.text).not.toContain('#');
    expect(guide.sections.map((section) => section.title)).toContain('Guide');
    // A sidecar names the file it describes without its format's suffix, as for any document.
    expect(byFile.get('README')!.title).toBe('Read me first');
  });

  it('keeps the dotted parts of a name read by its content in the document id, so two such files never collide', async () => {
    const { documents } = await loadCorpus(dir);
    const ids = documents.map((document) => document.id).sort();
    expect(ids).toEqual(['changelog-debian', 'copyright', 'guide', 'kiln', 'news', 'protocol-agent', 'protocol-krl', 'protocol-mux', 'readme']);
    expect(documentId('docs/guide.md')).toBe('docs-guide');
  });

  it('reads text that is not UTF-8 as Windows-1252, not as replacement characters', async () => {
    const { documents } = await loadCorpus(dir);
    expect(documents.find((document) => document.file === 'copyright')!.text).toContain('Renée Dupont');
  });

  it('reads a file named without an extension as Markdown when it is written in Markdown', async () => {
    const dir = await temporaryFolder();
    await writeFile(path.join(dir, 'README'), '# Kiln controller\n\nSee [the guide](docs/guide.md), then run `kiln -v`.\n\n## Safety\n\nClose the lid.\n');
    await writeFile(path.join(dir, 'NOTES'), '# a comment-like first line\n\nPlain notes with one #hash and no other sign.\n');
    const { documents } = await loadCorpus(dir);
    const readme = documents.find((document) => document.file === 'README')!;
    expect(readme.title).toBe('Kiln controller');
    expect(readme.text).toContain('See the guide, then run kiln -v.');
    expect(readme.sections.map((section) => section.title)).toContain('Safety');
    expect(documents.find((document) => document.file === 'NOTES')!.title).toBe('# a comment-like first line');
  });

  it('keeps a UTF-8 file with one stray byte UTF-8, and reads UTF-16 by its byte-order mark', async () => {
    const texts = await temporaryFolder();
    await writeFile(path.join(texts, 'notes.txt'), Buffer.concat([Buffer.from('Notes\n\nTomasz Kłoczko fixed it, 5‰ faster '), Buffer.from([0xe9]), Buffer.from('.\n')]));
    await writeFile(path.join(texts, 'wide.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Wide\n\nRenée wrote it.\n', 'utf16le')]));
    const { documents } = await loadCorpus(texts);
    expect(documents.find((document) => document.file === 'notes.txt')!.text).toContain('Tomasz Kłoczko fixed it, 5‰ faster');
    expect(documents.find((document) => document.file === 'wide.txt')!.text).toBe('Renée wrote it.');
  });

  it('leaves out scripts, programs, code, configuration, keys and backups, and counts them with the unread types', async () => {
    const { unread } = await loadCorpus(dir);
    expect(unread).toEqual([
      { extension: '(none)', count: 5 },
      { extension: '.c', count: 2 },
      { extension: '.md~', count: 1 },
    ]);
  });

  it('reads one of two files that map to the same id, and names the other with the reason', async () => {
    const twins = await temporaryFolder();
    await writeFile(path.join(twins, 'NEWS.gz'), gzipSync('Release 2\n\nThe controller now logs every firing.\n'));
    await writeFile(path.join(twins, 'NEWS.html'), '<h1>News</h1><p>The controller now logs every firing.</p>');
    const { documents, skipped, files } = await loadCorpus(twins);
    expect(documents.map((document) => document.file)).toEqual(['NEWS.html']);
    expect(files.map((file) => file.file)).toEqual(['NEWS.html']);
    expect(skipped).toEqual([{ file: 'NEWS.gz', reason: expect.stringContaining('the same document id "news" as NEWS.html') as unknown }]);
  });
});

describe('a compressed file that cannot be read', () => {
  it('names a broken archive and one that expands past the size limit, and reads the rest', async () => {
    const dir = await temporaryFolder();
    await writeFile(path.join(dir, 'guide.md'), '# Guide\n\nThe gauge reads hourly.\n');
    await writeFile(path.join(dir, 'broken.txt.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    await writeFile(path.join(dir, 'large.txt.gz'), gzipSync('a'.repeat(20_000)));
    const { documents, skipped } = await loadCorpus(dir, { maxFileBytes: 10_000 });
    expect(documents.map((document) => document.file)).toEqual(['guide.md']);
    expect(skipped).toEqual([
      { file: 'broken.txt.gz', reason: expect.stringMatching(/^the file cannot be decompressed/) as unknown },
      { file: 'large.txt.gz', reason: expect.stringMatching(/^decompressed, it is larger than the 0\.0 MB limit/) as unknown },
    ]);
  });

  it('names a compressed PDF that expands past the size limit, before parsing it', async () => {
    const dir = await temporaryFolder();
    const pdf = await readFile(path.join(REPO_ROOT, 'test/fixtures/paged/handbook.pdf'));
    await writeFile(path.join(dir, 'handbook.pdf.gz'), gzipSync(pdf));
    await writeFile(path.join(dir, 'guide.md'), '# Guide\n\nThe gauge reads hourly.\n');
    const { documents, skipped } = await loadCorpus(dir, { maxFileBytes: pdf.length - 1 });
    expect(documents.map((document) => document.file)).toEqual(['guide.md']);
    expect(skipped).toEqual([{ file: 'handbook.pdf.gz', reason: expect.stringMatching(/^decompressed, it is larger than/) as unknown }]);
  });

  it('reads a compressed PDF page by page, as the PDF itself', async () => {
    const dir = await temporaryFolder();
    const pdf = path.join(REPO_ROOT, 'test/fixtures/paged/handbook.pdf');
    await writeFile(path.join(dir, 'handbook.pdf.gz'), gzipSync(await readFile(pdf)));
    const plainDir = await temporaryFolder();
    await copyFile(pdf, path.join(plainDir, 'handbook.pdf'));
    const [compressed] = (await loadCorpus(dir)).documents;
    const [plain] = (await loadCorpus(plainDir)).documents;
    expect(compressed!.id).toBe('handbook');
    expect(compressed!.text).toBe(plain!.text);
    expect(compressed!.pages).toEqual(plain!.pages);
  });
});
