import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeUnread, unreadFileTypes } from '../../src/corpus/unread-files.js';

describe('unreadFileTypes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'unread-'));
    await mkdir(path.join(dir, 'images'));
    await mkdir(path.join(dir, '.git'));
    for (const name of ['guide.md', 'guide.meta.json', 'antora.yml', 'slides.pptx', 'images/a.png', 'images/b.PNG', 'Makefile', '.asciidoctorconfig', '.git/config'])
      await writeFile(path.join(dir, name), 'x');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('counts the files no reader takes by type, leaving out documents, sidecars, project configuration and dotfiles', async () => {
    const unread = await unreadFileTypes(dir);
    expect(unread).toEqual([
      { extension: '.png', count: 2 },
      { extension: '(none)', count: 1 },
      { extension: '.pptx', count: 1 },
    ]);
    expect(describeUnread(unread)).toBe('2 .png, 1 (none), 1 .pptx');
  });
});
