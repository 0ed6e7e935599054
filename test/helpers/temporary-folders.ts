import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * A maker of temporary folders named `prefix…` (or the prefix given to one call), all removed after the file's tests.
 * Call it at the top of a test file: it registers the `afterAll` that removes them.
 */
export function temporaryFolders(prefix: string): (folderPrefix?: string) => Promise<string> {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });
  return async (folderPrefix = prefix) => {
    const folder = await mkdtemp(path.join(os.tmpdir(), folderPrefix));
    folders.push(folder);
    return folder;
  };
}
