/**
 * Nothing lost: a crash while staging leaves the previous output byte-identical and no staging
 * folder behind; a crash between the two renames (only the `.previous` backup exists) is repaired
 * by the next run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeOutput } from '../../../generator/write/write-atomic.js';
import { compileBlock } from '../../../generator/compile.js';
import { cloudtrailBlock } from '../../../model/index.js';
import { fixtureBlock } from '../../helpers/fixture-blocks.js';
import { asTree, cleanupTempDirs, entriesOf, readTree, tempDir, writeTree } from '../../helpers/tree.js';

afterAll(cleanupTempDirs);

class InjectedCrash extends Error {}

describe('crash injection', async () => {
  const oldFiles = (await compileBlock(cloudtrailBlock())).files!;
  const newFiles = (await compileBlock(fixtureBlock())).files!;

  for (const n of [1, 3, newFiles.length]) {
    it(`a crash after staging ${n} file(s) leaves the previous output byte-identical and no staging folder`, async () => {
      const root = tempDir('ctl-crash-');
      const out = join(root, 'output');
      await writeOutput(out, oldFiles);
      await writeTree(out, { 'views/mine.view.lkml': 'view: mine {}\n', 'notes/readme.md': 'mine\n' });
      const before = await readTree(out);
      const statsBefore = await fs.stat(join(out, 'manifest.lkml'));

      let staged = 0;
      const error = await writeOutput(out, newFiles, {
        afterStage: () => {
          staged++;
          if (staged === n) throw new InjectedCrash(`crash after ${n}`);
        },
      }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(InjectedCrash);
      expect(staged).toBe(n);
      expect(await readTree(out)).toEqual(before);
      expect((await fs.stat(join(out, 'manifest.lkml'))).ino).toBe(statsBefore.ino);
      expect(await entriesOf(root)).toEqual(['output']);

      // The next run completes normally and keeps the person's files.
      const r = await writeOutput(out, newFiles);
      expect(r.kept).toEqual(['notes/readme.md', 'views/mine.view.lkml']);
      expect(await readTree(out)).toEqual({ ...asTree(newFiles), 'notes/readme.md': 'mine\n', 'views/mine.view.lkml': 'view: mine {}\n' });
    });
  }

  it('an async hook that rejects is handled the same way', async () => {
    const root = tempDir('ctl-crash-');
    const out = join(root, 'output');
    await writeOutput(out, oldFiles);
    const before = await readTree(out);
    await expect(writeOutput(out, newFiles, { afterStage: async () => { throw new InjectedCrash('async'); } })).rejects.toThrow('async');
    expect(await readTree(out)).toEqual(before);
    expect(await entriesOf(root)).toEqual(['output']);
  });

  it('a crash before the first output ever existed leaves no output folder', async () => {
    const root = tempDir('ctl-crash-');
    const out = join(root, 'output');
    await expect(writeOutput(out, newFiles, { afterStage: () => { throw new InjectedCrash('first'); } })).rejects.toThrow('first');
    expect(await entriesOf(root)).toEqual([]);
  });

  it('a crash between the two renames (output moved to .previous, staging not yet in place) is repaired by the next run', async () => {
    const root = tempDir('ctl-crash-');
    const out = join(root, 'output');
    await writeOutput(out, oldFiles);
    await writeTree(out, { 'mine.txt': 'mine\n' });
    const before = await readTree(out);
    // The state the first rename leaves behind.
    await fs.rename(out, join(root, '.output.previous'));
    expect(await entriesOf(root)).toEqual(['.output.previous']);

    const r = await writeOutput(out, newFiles);
    expect(r.kept).toEqual(['mine.txt']);
    expect(r.removed).toEqual(oldFiles.map((f) => f.path).filter((p) => !newFiles.some((f) => f.path === p)).sort());
    expect(await readTree(out)).toEqual({ ...asTree(newFiles), 'mine.txt': 'mine\n' });
    expect(await entriesOf(root)).toEqual(['output']);
    expect(before['mine.txt']).toBe('mine\n');
  });

  it('the repair alone (same files) restores the previous output exactly', async () => {
    const root = tempDir('ctl-crash-');
    const out = join(root, 'output');
    await writeOutput(out, oldFiles);
    const before = await readTree(out);
    await fs.rename(out, join(root, '.output.previous'));
    const r = await writeOutput(out, oldFiles);
    expect(r.written).toEqual([]);
    expect(await readTree(out)).toEqual(before);
    expect(await entriesOf(root)).toEqual(['output']);
  });
});
