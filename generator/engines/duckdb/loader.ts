/**
 * Finds CloudTrail log files under a path and checks that DuckDB can read each of them.
 *
 * Files in the S3 delivery layout (`AWSLogs/[o-id/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/`)
 * get their partition values from the path; any other JSON file is a loose file whose partition
 * values come from its records. Digest and Insight files are not event logs and are ignored.
 *
 * A corrupt or truncated file must not take the whole table down (one bad file would fail every
 * query on a view over all files), and `read_json`'s `ignore_errors` does not help: it cannot skip
 * parse errors outside newline-delimited JSON, nor bad gzip. So the loader probes: it reads every
 * group of files once with exactly the read_json call the table uses, and when that fails it narrows
 * down to the failing files (by the file the error names, else by halving), which costs one query
 * when all files are good and a few per bad file otherwise.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import type { TableSchema } from '../../schema/column.js';
import { NON_EVENT_PREFIXES, s3Partitions, toSlashes, type PartitionValues } from './layout.js';
import { DEFAULT_MAXIMUM_OBJECT_SIZE, fitObjectSize, readRecordsSql, type FileFormat, type FileLayout, type SourceGroup } from './table-sql.js';

export interface LoadedFile {
  /** Absolute path with `/` separators. */
  readonly path: string;
  readonly layout: FileLayout;
  readonly format: FileFormat;
  readonly records: number;
  /** Partition values from the path (S3 layout only). */
  readonly partitions?: PartitionValues;
}

export interface FileProblem {
  readonly path: string;
  readonly reason: string;
}

export interface LoadReport {
  /** The path that was searched, absolute. */
  readonly root: string;
  /** Files that load, in path order. */
  readonly files: readonly LoadedFile[];
  /** Log files that could not be read (corrupt, truncated, not JSON): left out, never fatal. */
  readonly skipped: readonly FileProblem[];
  /** Files that are deliberately not read: digests, Insights, other extensions, hidden files. */
  readonly ignored: readonly FileProblem[];
  /** Records in the loaded files. */
  readonly recordsRead: number;
  /** The loaded files grouped by how they are read, for the table SQL. */
  readonly sources: readonly SourceGroup[];
}

export interface LoadOptions {
  readonly schema: TableSchema;
  /** read_json's maximum_object_size for every file; by default fitted to the largest file of each group. */
  readonly maximumObjectSize?: number;
}

const JSON_FILE = /\.(json|jsonl|ndjson)(\.gz)?$/i;

// ---------------------------------------------------------------------------------------------
// Finding files

interface Candidate {
  readonly path: string;
  readonly layout: FileLayout;
  readonly partitions?: PartitionValues;
}

/** Every regular file under `root` (or `root` itself), absolute, `/`-separated, sorted. */
async function listFiles(root: string): Promise<string[]> {
  const info = await stat(root);
  if (info.isFile()) return [toSlashes(root)];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => toSlashes(resolve(e.parentPath, e.name)))
    .sort();
}

/** Why a file is not read as a log file, or undefined when it is one. */
function ignoreReason(path: string, root: string): string | undefined {
  const relative = path.slice(root.length);
  if (relative.split('/').some((segment) => segment.startsWith('.'))) return 'hidden file';
  const prefix = NON_EVENT_PREFIXES.find((p) => path.includes(`/${p}/`) || basename(path).includes(`_${p}_`));
  if (prefix) return `${prefix} file, not event records`;
  if (!JSON_FILE.test(path)) return 'not a .json/.jsonl file';
  return undefined;
}

function toCandidate(path: string): Candidate {
  const partitions = s3Partitions(path);
  return partitions ? { path, layout: 's3', partitions } : { path, layout: 'loose' };
}

// ---------------------------------------------------------------------------------------------
// Format detection: the first bytes tell how a file holds its records

const HEAD_BYTES = 64 * 1024;

interface Inspection {
  /** The first (decompressed) characters. */
  readonly head: string;
  /** The JSON text's size in bytes, when it can be told cheaply. */
  readonly jsonBytes?: number;
}

/**
 * The first (decompressed) characters of a file, and its uncompressed size: the file size, or for
 * gzip the ISIZE trailer (the size modulo 2^32 of the last member), when plausible. It is only an
 * estimate (multi-member or > 4 GiB files, truncated files): a file that then fails on
 * maximum_object_size is probed again with the default. A partial gzip stream is fine, a bad one
 * throws.
 */
async function inspectFile(path: string): Promise<Inspection> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const raw = buffer.subarray(0, bytesRead);
    if (!path.toLowerCase().endsWith('.gz')) return { head: raw.toString('utf8'), jsonBytes: size };
    const head = gunzipSync(raw, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
    if (size < 18) return { head }; // shorter than a gzip header and trailer
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, size - 4);
    const isize = trailer.readUInt32LE(0);
    // Deflate cannot compress more than ~1032:1; JSON does not grow by compression past a header.
    const plausible = isize <= size * 1100 && (isize >= size || size < 1_048_576);
    return plausible ? { head, jsonBytes: Math.max(isize, size) } : { head };
  } finally {
    await handle.close();
  }
}

/** `{"Records": …` → records, `[` → array, any other `{` → one record after another. */
export function formatFromHead(head: string): FileFormat | { problem: string } {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text === '') return { problem: 'empty file' };
  if (text.startsWith('[')) return 'array';
  if (/^\{\s*"Records"\s*:/.test(text)) return 'records';
  if (text.startsWith('{')) return 'lines';
  return { problem: `not JSON (starts with ${JSON.stringify(text.slice(0, 16))})` };
}

type Detected = { readonly format: FileFormat; readonly jsonBytes?: number } | { readonly problem: string };

async function detectFormat(path: string): Promise<Detected> {
  try {
    const { head, jsonBytes } = await inspectFile(path);
    const format = formatFromHead(head);
    if (typeof format !== 'string') return format;
    return jsonBytes === undefined ? { format } : { format, jsonBytes };
  } catch (error) {
    return { problem: `unreadable: ${errorMessage(error)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Probing with DuckDB

type ProbeResult = { ok: true; records: Map<string, number> } | { ok: false; message: string };

async function probe(connection: DuckDBConnection, group: SourceGroup, options: LoadOptions): Promise<ProbeResult> {
  const read = readRecordsSql(group, options.schema, options.maximumObjectSize);
  try {
    const reader = await connection.runAndReadAll(`SELECT filename, count(*) AS n FROM (${read}) GROUP BY filename`);
    const records = new Map<string, number>();
    for (const [filename, n] of reader.getRowsJS()) records.set(String(filename), Number(n));
    return { ok: true, records };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/** The file a DuckDB read error names, if it is one of ours. */
function fileNamedIn(message: string, files: readonly string[]): string | undefined {
  return files.find((f) => message.includes(`"${f}"`) || message.includes(`: ${f}`) || message.endsWith(f));
}

/**
 * Records per readable file, and the files that fail alone. A whole group is tried first; on
 * failure the file named by the error is tried alone, and failing that the group is halved.
 */
async function probeGroup(
  connection: DuckDBConnection,
  group: SourceGroup,
  options: LoadOptions,
  skipped: FileProblem[],
  oversized: Set<string>,
): Promise<Map<string, number>> {
  const whole = await probe(connection, group, options);
  if (whole.ok) return whole.records;
  if (group.files.length === 1) {
    const path = group.files[0] ?? '';
    // The fitted size was too small (the size estimate was off): try once more with the default.
    if (/maximum_object_size/.test(whole.message) && (group.maximumObjectSize ?? DEFAULT_MAXIMUM_OBJECT_SIZE) < DEFAULT_MAXIMUM_OBJECT_SIZE) {
      const retry = await probe(connection, { ...group, maximumObjectSize: DEFAULT_MAXIMUM_OBJECT_SIZE }, options);
      if (retry.ok) {
        oversized.add(path);
        return retry.records;
      }
    }
    const hint = /^Out of Memory/.test(whole.message) ? ` (raise the engine's memory limit: $CLOUDTRAIL_LOOKML_DUCKDB_MEMORY)` : '';
    skipped.push({ path, reason: firstLine(whole.message) + hint });
    return new Map();
  }
  const named = fileNamedIn(whole.message, group.files);
  const parts = named
    ? [[named], group.files.filter((f) => f !== named)]
    : [group.files.slice(0, group.files.length >> 1), group.files.slice(group.files.length >> 1)];
  const results = new Map<string, number>();
  for (const files of parts) {
    const sub = await probeGroup(connection, { ...group, files }, options, skipped, oversized);
    for (const [file, n] of sub) results.set(file, n);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// The loader

/**
 * Files per probe query. A failed probe is repeated on part of its files, so smaller chunks make a
 * bad file cheaper; chunks of a few hundred files still keep every DuckDB thread busy.
 */
const PROBE_CHUNK_FILES = 256;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupKey(layout: FileLayout, format: FileFormat): string {
  return `${layout}:${format}`;
}

/**
 * Groups candidate files by layout and format, skipping those whose first bytes are not JSON, and
 * fits each group's maximum_object_size to its largest file: read_json allocates twice that size
 * per file it reads, so the 512 MiB default alone would need 1 GiB buffers for 30 KB files.
 */
async function groupByFormat(candidates: readonly Candidate[], skipped: FileProblem[], options: LoadOptions): Promise<Map<string, SourceGroup>> {
  const detected = await mapLimit(candidates, 16, (c) => detectFormat(c.path));
  const groups = new Map<string, { layout: FileLayout; format: FileFormat; files: string[]; largest: number }>();
  candidates.forEach((candidate, i) => {
    const found = detected[i]!;
    if ('problem' in found) {
      skipped.push({ path: candidate.path, reason: found.problem });
      return;
    }
    const key = groupKey(candidate.layout, found.format);
    const group = groups.get(key) ?? { layout: candidate.layout, format: found.format, files: [], largest: 0 };
    group.files.push(candidate.path);
    // Unknown sizes do not count: such a file is read with the group's size, and retried alone with the default if too big.
    group.largest = Math.max(group.largest, found.jsonBytes ?? 0);
    groups.set(key, group);
  });
  return new Map(
    [...groups].map(([key, { largest, ...group }]) => [key, { ...group, maximumObjectSize: options.maximumObjectSize ?? fitObjectSize(largest) }]),
  );
}

/** Finds the log files under `data` (a folder or one file) and checks each one reads. */
export async function loadLogFiles(connection: DuckDBConnection, data: string, options: LoadOptions): Promise<LoadReport> {
  const root = toSlashes(resolve(data));
  const ignored: FileProblem[] = [];
  const skipped: FileProblem[] = [];
  const candidates: Candidate[] = [];
  for (const path of await listFiles(root)) {
    const reason = ignoreReason(path, root);
    if (reason) ignored.push({ path, reason });
    else candidates.push(toCandidate(path));
  }
  const byPath = new Map(candidates.map((c) => [c.path, c]));
  const groups = await groupByFormat(candidates, skipped, options);
  const oversized = new Set<string>();

  const files: LoadedFile[] = [];
  const sources: SourceGroup[] = [];
  for (const group of groups.values()) {
    const records = new Map<string, number>();
    for (const files of chunks(group.files, PROBE_CHUNK_FILES)) {
      for (const [file, n] of await probeGroup(connection, { ...group, files }, options, skipped, oversized)) records.set(file, n);
    }
    const failed = new Set(skipped.map((s) => s.path));
    const readable = group.files.filter((f) => !failed.has(f));
    const fitted = readable.filter((f) => !oversized.has(f));
    const large = readable.filter((f) => oversized.has(f));
    if (fitted.length > 0) sources.push({ ...group, files: fitted });
    if (large.length > 0) sources.push({ ...group, files: large, maximumObjectSize: DEFAULT_MAXIMUM_OBJECT_SIZE });
    for (const path of readable) {
      const partitions = byPath.get(path)?.partitions;
      files.push({ path, layout: group.layout, format: group.format, records: records.get(path) ?? 0, ...(partitions ? { partitions } : {}) });
    }
  }
  files.sort((a, b) => byCodePoint(a.path, b.path));
  skipped.sort((a, b) => byCodePoint(a.path, b.path));
  return { root, files, skipped, ignored, recordsRead: files.reduce((n, f) => n + f.records, 0), sources };
}

// ---------------------------------------------------------------------------------------------
// Small utilities

/** Plain code-point order: the same on every machine, unlike localeCompare. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** DuckDB messages carry a LINE/caret excerpt of the (long) query after the first line. */
function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
