import {mkdir, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { describeUnread } from '../../src/corpus/unread-files.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const temporaryFolder = temporaryFolders('corpus-');

describe('the files no reader takes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryFolder('unread-');
    await mkdir(path.join(dir, 'images'));
    await mkdir(path.join(dir, '.git'));
    for (const name of ['guide.md', 'guide.meta.json', 'antora.yml', 'slides.pptx', 'images/a.png', 'images/b.PNG', 'Makefile', '.asciidoctorconfig', '.git/config'])
      await writeFile(path.join(dir, name), name.endsWith('.json') ? '{}' : 'x');
  });

  it('counts the files no reader takes by type, leaving out documents, sidecars, project configuration and dotfiles', async () => {
    const { unread } = await loadCorpus(dir);
    expect(unread).toEqual([
      { extension: '.png', count: 2 },
      { extension: '(none)', count: 1 },
      { extension: '.pptx', count: 1 },
    ]);
    expect(describeUnread(unread)).toBe('2 .png, 1 (none), 1 .pptx');
  });
});

describe('a folder with files and subfolders that cannot be read', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryFolder('unreadable-');
    await writeFile(path.join(dir, 'guide.md'), '# Guide\n\nThe gauge reads hourly.\n');
    await symlink(path.join(dir, 'gone.md'), path.join(dir, 'dangling.md'));
  });

  it('names a link to nothing with the reason and reads the rest', async () => {
    const { documents, skipped } = await loadCorpus(dir);
    expect(documents.map((document) => document.file)).toEqual(['guide.md']);
    expect(skipped).toEqual([{ file: 'dangling.md', reason: expect.stringMatching(/^the file cannot be read \(ENOENT\)/) as unknown }]);
  });
});
