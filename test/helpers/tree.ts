/** Temp folders and whole-tree snapshots for writer, CLI and golden tests. */
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

/** A fresh folder under the OS temp dir; removed by `cleanupTempDirs`. */
const created: string[] = [];
export function tempDir(prefix = 'ctl-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Every file under `dir` (dot files included) → its content, keys sorted, `/`-separated. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    const entries = await fs.readdir(d, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(d, e.name);
      if (e.isDirectory()) await walk(abs);
      else out[relative(dir, abs).split(sep).join('/')] = await fs.readFile(abs, 'utf8');
    }
  };
  await walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function writeTree(dir: string, files: Readonly<Record<string, string>> | readonly { path: string; content: string }[]): Promise<void> {
  const entries = Array.isArray(files)
    ? (files as readonly { path: string; content: string }[]).map((f) => [f.path, f.content] as const)
    : Object.entries(files as Record<string, string>);
  for (const [rel, content] of entries) {
    await fs.mkdir(dirname(join(dir, rel)), { recursive: true });
    await fs.writeFile(join(dir, rel), content);
  }
}

/** Names in `dir` (not recursive), sorted: to see staging or backup folders left behind. */
export async function entriesOf(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).sort();
}

/** FileOutput[] → record, for comparing with readTree. */
export function asTree(files: readonly { path: string; content: string }[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.path, f.content] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
}
