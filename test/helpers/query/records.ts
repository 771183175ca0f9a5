/**
 * CloudTrail records read with plain Node (zlib + JSON.parse), independently of DuckDB and the
 * compiler, so query results can be checked against them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
export const FIXTURES = `${REPO}/test/fixtures/cloudtrail`;

export type Rec = Record<string, unknown> & {
  eventTime?: string;
  eventSource?: string;
  eventName?: string;
  errorCode?: string | null;
  userIdentity?: { arn?: string | null } | null;
  responseElements?: Record<string, unknown> | null;
};

export function readRecords(path: string): Rec[] {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').trim();
  if (text.startsWith('[')) return JSON.parse(text) as Rec[];
  if (/^\{\s*"Records"/.test(text)) return (JSON.parse(text) as { Records: Rec[] }).Records;
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Rec);
}

/** Every .json / .json.gz log file under a folder, sorted. */
export function logFilesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.json(\.gz)?$/.test(d.name))
    .map((d) => join(d.parentPath, d.name).replaceAll('\\', '/'))
    .sort();
}

/** Counts per key (null/undefined keys dropped), sorted by key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string | null | undefined): Record<string, number> {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = key(it);
    if (k === null || k === undefined) continue;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
