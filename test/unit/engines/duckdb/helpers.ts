/**
 * Test helpers that read CloudTrail files with plain Node (zlib + JSON.parse), independently of
 * DuckDB, so engine results can be checked against them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const PROJECT = resolve(fileURLToPath(import.meta.url), '../../../../..');
export const FIXTURES = join(PROJECT, 'test', 'fixtures', 'cloudtrail');
export const SAMPLES = join(PROJECT, 'samples', 'cloudtrail');
export const INVICTUS_DAY = join(FIXTURES, 'invictus-ir-aws_dataset', 'AWSLogs', '218007301253', 'CloudTrail', 'us-east-1', '2023', '07', '10');

export type CloudTrailRecord = Record<string, unknown> & {
  eventName?: string;
  eventTime?: string;
  awsRegion?: string;
  recipientAccountId?: string;
  userIdentity?: Record<string, unknown>;
};

export function readText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** The records of a file in any of the three formats: {"Records":[…]}, an array, or JSON lines. */
export function readRecords(path: string): CloudTrailRecord[] {
  const text = readText(path).trim();
  if (text.startsWith('[')) return JSON.parse(text) as CloudTrailRecord[];
  if (/^\{\s*"Records"/.test(text)) return (JSON.parse(text) as { Records: CloudTrailRecord[] }).Records;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CloudTrailRecord);
}

/** Every file under a folder, absolute with `/`, sorted. */
export function filesUnder(folder: string, suffix = ''): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(suffix))
    .map((d) => join(d.parentPath, d.name).replaceAll('\\', '/'))
    .sort();
}

const temporary: string[] = [];

/** A fresh folder under the OS temp dir; removeTempFolders() deletes them all. */
export function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `ct-duckdb-${prefix}-`)).replaceAll('\\', '/');
  temporary.push(folder);
  return folder;
}

export function removeTempFolders(): void {
  for (const folder of temporary.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** Counts per key, as a plain object sorted by key, for order-insensitive comparison. */
export function countBy<T>(items: readonly T[], key: (item: T) => string | null | undefined): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined || k === null) continue;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}
