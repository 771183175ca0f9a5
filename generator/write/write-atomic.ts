/**
 * Writes the output folder atomically. The new tree is staged in a sibling folder (same file
 * system), then swapped in with two renames; a crash before the swap leaves the old output as it
 * was, and a crash between the renames is repaired by the next run. Files the generator did not
 * write (no generated header) are carried over untouched; generated files no longer produced
 * are dropped.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { FileOutput } from '../render/file-output.js';
import { scanOutput } from './scan-output.js';

export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  readonly kept: readonly string[];
}

export class OutputConflictError extends Error {
  constructor(readonly paths: readonly string[]) {
    super(`refusing to overwrite files that were not written by the generator: ${paths.join(', ')} (move them away or rename the generated item)`);
    this.name = 'OutputConflictError';
  }
}

/** Test seam: called after each staged file, so a test can inject a crash mid-write. */
export interface WriteHooks {
  readonly afterStage?: (path: string) => void | Promise<void>;
}

const stagingName = (out: string): string => join(dirname(out), `.${basename(out)}.staging-${process.pid}`);
const backupName = (out: string): string => join(dirname(out), `.${basename(out)}.previous`);

export async function writeOutput(outDir: string, files: readonly FileOutput[], hooks: WriteHooks = {}): Promise<WriteResult> {
  const out = resolve(outDir);
  await recoverInterruptedSwap(out);
  const existing = await scanOutput(out);
  const conflicts = files.filter((f) => existing.userFiles.has(f.path)).map((f) => f.path);
  if (conflicts.length > 0) throw new OutputConflictError(conflicts);

  const produced = new Set(files.map((f) => f.path));
  const result: WriteResult = {
    written: files.filter((f) => existing.generated.get(f.path) !== f.content).map((f) => f.path),
    unchanged: files.filter((f) => existing.generated.get(f.path) === f.content).map((f) => f.path),
    removed: [...existing.generated.keys()].filter((p) => !produced.has(p)).sort(),
    kept: [...existing.userFiles].sort(),
  };
  if (result.written.length === 0 && result.removed.length === 0) return result;

  const stage = stagingName(out);
  await fs.rm(stage, { recursive: true, force: true });
  try {
    await fs.mkdir(stage, { recursive: true });
    await carryOverUserFiles(out, stage, existing.userFiles);
    for (const f of files) {
      await fs.mkdir(dirname(join(stage, f.path)), { recursive: true });
      await fs.writeFile(join(stage, f.path), f.content);
      await hooks.afterStage?.(f.path);
    }
    await swapIn(out, stage);
  } catch (error) {
    await fs.rm(stage, { recursive: true, force: true });
    throw error;
  }
  return result;
}

/** Hard-links (or copies) every file a person wrote into the staged tree. */
async function carryOverUserFiles(out: string, stage: string, userFiles: ReadonlySet<string>): Promise<void> {
  for (const rel of userFiles) {
    const target = join(stage, rel);
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.link(join(out, rel), target).catch(() => fs.copyFile(join(out, rel), target));
  }
}

async function swapIn(out: string, stage: string): Promise<void> {
  const backup = backupName(out);
  await fs.rm(backup, { recursive: true, force: true });
  const hadOutput = await exists(out);
  if (hadOutput) await fs.rename(out, backup);
  await fs.rename(stage, out);
  if (hadOutput) await fs.rm(backup, { recursive: true, force: true });
}

/**
 * A crash between the two renames leaves only the backup: put it back. Staging folders of runs
 * that died before their swap are removed (they never held anything but generated copies).
 */
async function recoverInterruptedSwap(out: string): Promise<void> {
  const prefix = `.${basename(out)}.staging-`;
  for (const entry of await fs.readdir(dirname(out)).catch(() => [] as string[])) {
    if (entry.startsWith(prefix)) await fs.rm(join(dirname(out), entry), { recursive: true, force: true });
  }
  const backup = backupName(out);
  if (!(await exists(backup))) return;
  if (await exists(out)) await fs.rm(backup, { recursive: true, force: true });
  else await fs.rename(backup, out);
}

async function exists(path: string): Promise<boolean> {
  return fs.stat(path).then(() => true, () => false);
}
