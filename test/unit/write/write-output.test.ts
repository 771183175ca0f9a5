import { afterAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeOutput, OutputConflictError } from '../../../generator/write/write-atomic.js';
import { checkOutput, isClean } from '../../../generator/write/check-output.js';
import { scanOutput } from '../../../generator/write/scan-output.js';
import { header } from '../../../generator/render/header.js';
import { cleanupTempDirs, entriesOf, readTree, tempDir, writeTree } from '../../helpers/tree.js';

afterAll(cleanupTempDirs);

const H = header('#');
const gen = (path: string, body: string) => ({ path, content: `${path.endsWith('.sql') ? header('--') : H}\n${body}\n` });
const FILES = [gen('manifest.lkml', 'project_name: "p"'), gen('views/a.view.lkml', 'view: a {}'), gen('athena/t.sql', 'SELECT 1')];

function outDir(): { root: string; out: string } {
  const root = tempDir('ctl-write-');
  return { root, out: join(root, 'output') };
}

describe('writeOutput', () => {
  it('writes every file into a new folder and reports them as written', async () => {
    const { root, out } = outDir();
    const r = await writeOutput(out, FILES);
    expect(r).toEqual({ written: FILES.map((f) => f.path), unchanged: [], removed: [], kept: [] });
    expect(await readTree(out)).toEqual(Object.fromEntries(FILES.map((f) => [f.path, f.content]).sort()));
    expect(await entriesOf(root)).toEqual(['output']);
  });

  it('a second run with the same files changes nothing (same inode, same mtime)', async () => {
    const { out } = outDir();
    await writeOutput(out, FILES);
    const before = await fs.stat(join(out, 'views/a.view.lkml'));
    const r = await writeOutput(out, FILES);
    expect(r).toEqual({ written: [], unchanged: FILES.map((f) => f.path), removed: [], kept: [] });
    const after = await fs.stat(join(out, 'views/a.view.lkml'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('rewrites changed files and removes generated files no longer produced', async () => {
    const { root, out } = outDir();
    await writeOutput(out, [...FILES, gen('views/old.view.lkml', 'view: old {}')]);
    const changed = [FILES[0]!, gen('views/a.view.lkml', 'view: a { label: "new" }'), FILES[2]!];
    const r = await writeOutput(out, changed);
    expect(r).toEqual({ written: ['views/a.view.lkml'], unchanged: ['manifest.lkml', 'athena/t.sql'], removed: ['views/old.view.lkml'], kept: [] });
    expect(Object.keys(await readTree(out))).toEqual(['athena/t.sql', 'manifest.lkml', 'views/a.view.lkml']);
    expect((await readTree(out))['views/a.view.lkml']).toContain('label: "new"');
    expect(await entriesOf(root)).toEqual(['output']);
  });

  it('keeps files without the generated header (a person\'s files), byte for byte, in place', async () => {
    const { out } = outDir();
    const mine = {
      'README.md': '# my notes\n',
      'views/custom.view.lkml': 'view: custom { dimension: x { sql: 1 ;; } }\n',
      'views/a.view.lkml.bak': `${H}\nnot lkml by extension\n`,
      'dashboards/handmade.dashboard.lookml': '- dashboard: handmade\n',
    };
    await writeTree(out, mine);
    const r = await writeOutput(out, FILES);
    expect(r.kept).toEqual(Object.keys(mine).sort());
    const tree = await readTree(out);
    for (const [p, c] of Object.entries(mine)) expect(tree[p], p).toBe(c);
    // Removing every generated file later still keeps them.
    const r2 = await writeOutput(out, []);
    expect(r2.removed).toEqual(['athena/t.sql', 'manifest.lkml', 'views/a.view.lkml']);
    expect(await readTree(out)).toEqual(Object.fromEntries(Object.entries(mine).sort()));
  });

  it('refuses to overwrite a file without the header where a generated file belongs (OutputConflictError), writing nothing', async () => {
    const { out } = outDir();
    await writeTree(out, { 'views/a.view.lkml': 'view: a { # hand written\n}\n', 'manifest.lkml': `${H}\nold\n` });
    const before = await readTree(out);
    const error = await writeOutput(out, FILES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputConflictError);
    expect((error as OutputConflictError).paths).toEqual(['views/a.view.lkml']);
    expect((error as Error).message).toMatch(/^refusing to overwrite files that were not written by the generator: views\/a\.view\.lkml/);
    expect(await readTree(out)).toEqual(before);
  });

  it('recovers a leftover .previous backup when the output folder is missing (crash between the renames)', async () => {
    const { root, out } = outDir();
    await writeOutput(out, FILES);
    await writeTree(out, { 'mine.txt': 'keep me\n' });
    const before = await readTree(out);
    await fs.rename(out, join(root, '.output.previous'));
    const r = await writeOutput(out, FILES);
    expect(r.written).toEqual([]);
    expect(r.kept).toEqual(['mine.txt']);
    expect(await readTree(out)).toEqual(before);
    expect(await entriesOf(root)).toEqual(['output']);
  });

  it('drops a stale .previous backup when the output folder exists', async () => {
    const { root, out } = outDir();
    await writeOutput(out, FILES);
    await writeTree(join(root, '.output.previous'), { 'manifest.lkml': `${H}\nstale\n` });
    await writeOutput(out, FILES);
    expect(await entriesOf(root)).toEqual(['output']);
    expect((await readTree(out))['manifest.lkml']).toBe(FILES[0]!.content);
  });
});

describe('scanOutput', () => {
  it('sorts files into generated (by header, .lkml/.lookml/.sql only) and a person\'s', async () => {
    const { out } = outDir();
    await writeTree(out, {
      'a.view.lkml': `${H}\nx\n`,
      'b.sql': `${header('--')}\nSELECT 1\n`,
      'c.view.lkml': 'view: c {}\n',
      'd.txt': `${H}\n`,
      'e.dashboard.lookml': `  ${H}\n`,
    });
    const scan = await scanOutput(out);
    expect([...scan.generated.keys()].sort()).toEqual(['a.view.lkml', 'b.sql']);
    expect([...scan.userFiles].sort()).toEqual(['c.view.lkml', 'd.txt', 'e.dashboard.lookml']);
    expect((await scanOutput(join(out, 'missing'))).generated.size).toBe(0);
  });
});

describe('checkOutput', () => {
  it('is clean right after writing', async () => {
    const { out } = outDir();
    await writeOutput(out, FILES);
    const r = await checkOutput(out, FILES);
    expect(r).toEqual({ stale: [], missing: [], extra: [], conflicts: [] });
    expect(isClean(r)).toBe(true);
  });

  it('reports stale, missing, extra and conflicting files, and ignores a person\'s other files', async () => {
    const { out } = outDir();
    await writeOutput(out, FILES);
    await fs.appendFile(join(out, 'manifest.lkml'), '# edited\n');
    await fs.rm(join(out, 'athena/t.sql'));
    await writeTree(out, { 'views/extra.view.lkml': `${H}\nview: extra {}\n`, 'notes.md': 'mine\n' });
    const withConflict = [...FILES, gen('views/custom.view.lkml', 'view: custom {}')];
    await writeTree(out, { 'views/custom.view.lkml': 'view: custom { hand made }\n' });
    const r = await checkOutput(out, withConflict);
    expect(r).toEqual({ stale: ['manifest.lkml'], missing: ['athena/t.sql'], extra: ['views/extra.view.lkml'], conflicts: ['views/custom.view.lkml'] });
    expect(isClean(r)).toBe(false);
  });

  it('a missing output folder means every file is missing', async () => {
    const { out } = outDir();
    expect(await checkOutput(out, FILES)).toEqual({ stale: [], missing: FILES.map((f) => f.path), extra: [], conflicts: [] });
  });
});
