/**
 * The generated logs the scale sections share. Generation is the slow part of a full run, so a
 * folder whose manifest matches the requested size is reused (its recorded generation time is
 * reported, marked `reused`); `--regen` forces a fresh one.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEvents, type GenerateReport } from './generate-events.js';
import type { Sizes } from './sizes.js';

/** Bump when the generator's output changes, so stale folders are regenerated. */
export const GENERATOR_VERSION = 1;

export const DATA_ROOT = new URL('./.data/', import.meta.url).pathname;

export interface EventsData {
  readonly dir: string;
  readonly report: GenerateReport;
  readonly reused: boolean;
}

interface Manifest {
  readonly version: number;
  readonly report: GenerateReport;
}

/** Next to the folder, not in it: the loader would take a .json inside it for a log file. */
const manifestPath = (dir: string): string => `${dir.replace(/\/+$/, '')}.manifest.json`;

function matches(m: Manifest, s: Sizes): boolean {
  const r = m.report;
  return m.version === GENERATOR_VERSION && r.events === s.events && r.days === s.days && r.hours_per_file === s.hoursPerFile
    && r.regions.join(',') === s.regions.join(',');
}

export async function ensureEvents(sizes: Sizes, o: { root?: string; regen?: boolean; log?: (m: string) => void } = {}): Promise<EventsData> {
  const dir = join(o.root ?? DATA_ROOT, sizes.dataName);
  const mPath = manifestPath(dir);
  if (!o.regen && existsSync(dir) && existsSync(mPath)) {
    const m = JSON.parse(readFileSync(mPath, 'utf8')) as Manifest;
    if (matches(m, sizes)) return { dir, report: m.report, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  o.log?.(`scale: generating ${sizes.events.toLocaleString('en')} events into ${dir}`);
  const report = await generateEvents({ out: dir, events: sizes.events, days: sizes.days, regions: sizes.regions, hoursPerFile: sizes.hoursPerFile });
  writeFileSync(mPath, `${JSON.stringify({ version: GENERATOR_VERSION, report } satisfies Manifest, null, 2)}\n`);
  return { dir, report, reused: false };
}
