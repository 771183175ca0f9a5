/** Compares what the generator would write with the output folder, without writing. */
import { resolve } from 'node:path';
import type { FileOutput } from '../render/file-output.js';
import { scanOutput } from './scan-output.js';

export interface CheckResult {
  /** Generated files whose content differs from what would be written now. */
  readonly stale: readonly string[];
  /** Files that would be written but are absent. */
  readonly missing: readonly string[];
  /** Generated files (by header) that the generator no longer produces. */
  readonly extra: readonly string[];
  /** Paths the generator would write that hold a person's file. */
  readonly conflicts: readonly string[];
}

export const isClean = (r: CheckResult): boolean =>
  r.stale.length + r.missing.length + r.extra.length + r.conflicts.length === 0;

export async function checkOutput(outDir: string, files: readonly FileOutput[]): Promise<CheckResult> {
  const scan = await scanOutput(resolve(outDir));
  const produced = new Set(files.map((f) => f.path));
  const stale: string[] = [];
  const missing: string[] = [];
  const conflicts: string[] = [];
  for (const f of files) {
    const current = scan.generated.get(f.path);
    if (current === undefined) (scan.userFiles.has(f.path) ? conflicts : missing).push(f.path);
    else if (current !== f.content) stale.push(f.path);
  }
  const extra = [...scan.generated.keys()].filter((p) => !produced.has(p)).sort();
  return { stale, missing, extra, conflicts };
}
