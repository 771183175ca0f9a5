/**
 * Builds samples/cloudtrail/: real CloudTrail records laid out as CloudTrail delivers them to S3,
 * `AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>.json.gz`. The committed files are
 * what the block is validated on; this script makes them reproducible from test/fixtures/cloudtrail.
 *
 *   npx tsx samples/build-samples.ts
 *
 * - Native S3 deliveries (invictus-ir, trailscraper) keep their bytes and their own file name.
 * - Records of the other real sources (stratus-red-team, OTRF, cloud-custodian, plaso) are grouped
 *   per account, region and UTC day of eventTime, in their original order, one delivery-style file
 *   per group. Each record is copied as its original JSON text (never re-serialised, so numbers and
 *   escapes stay exactly as they were). Account: recipientAccountId, else userIdentity.accountId.
 *   Records without eventTime, awsRegion or a 12-digit account are left out and listed.
 * - The Panther rule-test events are left out: they are hand-edited test cases, not AWS output.
 * - gzip with mtime 0 and OS byte 3: the same input gives the same bytes on every platform.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const ROOT = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(ROOT, '..', 'test', 'fixtures', 'cloudtrail');
const OUT = join(ROOT, 'cloudtrail');

/** Native files of the real, non-S3 sources, each `{"Records":[…]}`; the Panther copy is not real AWS output. */
const REGROUPED_SOURCES: readonly { readonly name: string; readonly file: string }[] = [
  { name: 'stratus-red-team', file: 'native/stratus-red-team.json.gz' },
  { name: 'otrf-security-datasets', file: 'native/ec2_proxy_s3_exfiltration_2020-09-14011940.json.gz' },
  { name: 'cloud-custodian', file: 'native/cloud-custodian.json.gz' },
  { name: 'plaso', file: 'native/aws_cloudtrail.json.gz' },
];

export function deterministicGzip(data: Buffer): Buffer {
  const out = gzipSync(data, { level: 9 });
  out.writeUInt32LE(0, 4); // MTIME
  out[9] = 3; // OS = Unix
  return out;
}

function write(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Raw record texts: the elements of the "Records" array, exactly as written

/** Index just past the JSON string that starts at `start` (a `"`). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The source text of each element of the top-level "Records" array. */
export function rawRecords(text: string): string[] {
  const key = /^\s*\{\s*"Records"\s*:\s*\[/.exec(text);
  if (!key) throw new Error('not a {"Records":[…]} file');
  const records: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = key[0].length; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = endOfString(text, i) - 1;
    } else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if (c === '}' || c === ']') {
      if (depth === 0) return records; // the closing ] of Records
      if (--depth === 0) records.push(text.slice(start, i + 1));
    }
  }
  throw new Error('unterminated Records array');
}

// ---------------------------------------------------------------------------------------------
// Grouping into deliveries

interface Placed {
  readonly account: string;
  readonly region: string;
  readonly eventTime: string;
}

const ACCOUNT = /^[0-9]{12}$/;
const EVENT_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** Where CloudTrail would have delivered a record, or why it cannot be placed. */
function placeOf(record: Record<string, unknown>): Placed | string {
  const identity = (record['userIdentity'] ?? {}) as Record<string, unknown>;
  const account = [record['recipientAccountId'], identity['accountId']].find((a) => typeof a === 'string' && ACCOUNT.test(a));
  const region = record['awsRegion'];
  const eventTime = record['eventTime'];
  if (typeof eventTime !== 'string' || !EVENT_TIME.test(eventTime)) return 'no ISO eventTime';
  if (typeof region !== 'string' || region === '') return 'no awsRegion';
  if (typeof account !== 'string') return 'no 12-digit account id';
  return { account, region, eventTime };
}

/** A 16-character id like CloudTrail's random file suffix, derived from the content so builds repeat. */
function stableId(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 16), (b) => alphabet[b % alphabet.length]).join('');
}

/** `AWSLogs/<acct>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<acct>_CloudTrail_<region>_<yyyymmdd>T<hhmm>Z_<id>.json.gz`. */
function deliveryPath(place: Placed, firstTime: string, id: string): string {
  const [, yyyy, mm, dd, hh, min] = EVENT_TIME.exec(firstTime) ?? [];
  const minute = String(Math.floor(Number(min) / 5) * 5).padStart(2, '0'); // deliveries are 5-minute batches
  const name = `${place.account}_CloudTrail_${place.region}_${yyyy}${mm}${dd}T${hh}${minute}Z_${id}.json.gz`;
  return join('AWSLogs', place.account, 'CloudTrail', place.region, yyyy!, mm!, dd!, name);
}

interface BuildLog {
  files: number;
  records: number;
  leftOut: string[];
  /** One line per written file, for FILES.md. */
  rows: { path: string; source: string; records: number }[];
}

function regroup(source: { name: string; file: string }, log: BuildLog): void {
  const raw = rawRecords(gunzipSync(readFileSync(join(FIXTURES, source.file))).toString('utf8'));
  const groups = new Map<string, { place: Placed; records: string[] }>();
  raw.forEach((text, index) => {
    const place = placeOf(JSON.parse(text) as Record<string, unknown>);
    if (typeof place === 'string') {
      log.leftOut.push(`${source.name} record #${index + 1}: ${place}`);
      return;
    }
    const key = `${place.account}/${place.region}/${place.eventTime.slice(0, 10)}`;
    const group = groups.get(key) ?? { place, records: [] };
    group.records.push(text);
    groups.set(key, group);
  });
  for (const [key, group] of groups) {
    const firstTime = group.records.map((t) => placeOf(JSON.parse(t) as Record<string, unknown>) as Placed).map((p) => p.eventTime).sort()[0]!;
    const path = deliveryPath(group.place, firstTime, stableId(`${source.name}/${key}`));
    write(join(OUT, path), deterministicGzip(Buffer.from(`{"Records":[${group.records.join(',')}]}`, 'utf8')));
    note(log, path, source.name, group.records.length);
  }
}

/** Native deliveries keep their bytes (and their name); plain .json ones are gzipped. */
function copyDeliveries(log: BuildLog): void {
  const invictus = join(FIXTURES, 'invictus-ir-aws_dataset', 'AWSLogs');
  for (const file of filesUnder(invictus)) copyDelivery(file, join('AWSLogs', relative(invictus, file)), 'invictus-ir-aws_dataset', log);
  const trailscraper = join(FIXTURES, 'trailscraper', '111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz');
  copyDelivery(trailscraper, join('AWSLogs', '111111111111', 'CloudTrail', 'eu-central-1', '2017', '12', '11', basename(trailscraper)), 'trailscraper', log);
}

function copyDelivery(file: string, path: string, source: string, log: BuildLog): void {
  mkdirSync(dirname(join(OUT, path)), { recursive: true });
  copyFileSync(file, join(OUT, path));
  note(log, path, source, rawRecords(gunzipSync(readFileSync(file)).toString('utf8')).length);
}

function note(log: BuildLog, path: string, source: string, records: number): void {
  log.files++;
  log.records += records;
  log.rows.push({ path: path.split('\\').join('/'), source, records });
}

/** FILES.md: every sample file, its source and record count (generated; do not edit). */
function filesTable(log: BuildLog): string {
  const rows = [...log.rows].sort((a, b) => a.path.localeCompare(b.path)).map((r) => `| \`${r.path}\` | ${r.source} | ${r.records} |`);
  return [
    '# Sample log files (generated by samples/build-samples.ts; do not edit)',
    '',
    `${log.files} files, ${log.records} records. Sources and licences: PROVENANCE.md, LICENSES.md.`,
    '',
    '| file | source | records |',
    '|---|---|---|',
    ...rows,
    '',
    ...(log.leftOut.length > 0 ? ['Records left out (cannot be placed in an S3 path):', '', ...log.leftOut.map((l) => `- ${l}`), ''] : []),
  ].join('\n');
}

function main(): void {
  rmSync(join(OUT, 'AWSLogs'), { recursive: true, force: true });
  const log: BuildLog = { files: 0, records: 0, leftOut: [], rows: [] };
  copyDeliveries(log);
  for (const source of REGROUPED_SOURCES) regroup(source, log);
  writeFileSync(join(OUT, 'FILES.md'), filesTable(log));
  const bytes = filesUnder(join(OUT, 'AWSLogs')).reduce((n, f) => n + readFileSync(f).length, 0);
  console.log(`samples/cloudtrail: ${log.files} files, ${log.records} records, ${bytes} bytes`);
  for (const line of log.leftOut) console.log(`  left out: ${line}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
