/** Same input, byte-identical files: twice in one process, and in two CLI processes. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { compileBlock } from '../../generator/compile.js';
import { cloudtrailBlock } from '../../model/index.js';
import { fixtureBlock } from '../helpers/fixture-blocks.js';
import { runCli } from '../helpers/cli.js';
import { asTree, cleanupTempDirs, readTree, tempDir } from '../helpers/tree.js';

afterAll(cleanupTempDirs);
// Each CLI process loads the TypeScript toolchain (seconds on a busy machine); allow for it.
vi.setConfig({ testTimeout: 180_000 });

describe.concurrent('determinism', () => {
  it.each([
    ['built-in block', () => cloudtrailBlock()],
    ['fixture block', () => fixtureBlock()],
  ])('%s: two compilations in one process give byte-identical files', async (_name, make) => {
    const a = await compileBlock(make());
    const b = await compileBlock(make());
    expect(a.files!.length).toBeGreaterThan(3);
    expect(asTree(b.files!)).toEqual(asTree(a.files!));
    expect(b.files!.map((f) => f.path)).toEqual(a.files!.map((f) => f.path));
  });

  it('two CLI processes (different cwd and out names) write byte-identical trees, equal to the in-process compile', async () => {
    const dirA = tempDir('ctl-det-a-');
    const dirB = tempDir('ctl-det-b-');
    const [ra, rb] = await Promise.all([runCli(['generate', '--out', 'one'], dirA), runCli(['generate', '--out', join(dirB, 'two')], dirB)]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const a = await readTree(join(dirA, 'one'));
    const b = await readTree(join(dirB, 'two'));
    expect(b).toEqual(a);
    expect(a).toEqual(asTree((await compileBlock(cloudtrailBlock())).files!));
  });
});
