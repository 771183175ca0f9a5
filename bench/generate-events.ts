/**
 * A seeded generator of realistic CloudTrail logs in the S3 delivery layout:
 * `<out>/AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<rand>.json.gz`.
 *
 * Realism comes from the fixture records (fixture-profile.ts): every event is a real record with
 * its time, ids, region, account and (for IP callers) source IP replaced. Volume follows a
 * working-day rhythm; the home region gets most of it and global services (IAM, STS, sign-in)
 * only appear there, as in real trails.
 *
 * File granularity: CloudTrail delivers about every 5 minutes per region; at 1 M events over
 * 90 days × 4 regions that would be ~100,000 files of ~10 events. We write one file per region
 * per `hoursPerFile` hours (1 in the full run: 8,640 files of ~115 events, ~20–40 KB gzipped),
 * named and foldered by DELIVERY time (window end + 5–14 min), so late events of a day land in
 * the next day's folder exactly as they do in S3.
 *
 * Speed: records are shallow copies of their template serialised with JSON.stringify; gzip runs
 * on the libuv pool (level 1 by default) while the main thread builds the next file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { loadFixtureProfile, type CloudTrailRecord, type FixtureProfile } from './fixture-profile.js';
import { mulberry32 } from './stats.js';

const gzipAsync = promisify(gzip);

export interface GenerateOptions {
  /** Output folder; AWSLogs/ is created inside it. */
  readonly out: string;
  readonly events: number;
  readonly days: number;
  readonly regions: readonly string[];
  /** Exclusive end of the generated period (UTC); fixed so the data is the same every run. */
  readonly end?: Date;
  readonly seed?: number;
  readonly account?: string;
  readonly hoursPerFile?: number;
  readonly gzipLevel?: number;
  readonly profile?: FixtureProfile;
}

export interface GenerateReport {
  readonly events: number;
  readonly files: number;
  readonly bytes_gz: number;
  readonly bytes_json: number;
  readonly ms: number;
  readonly events_per_s: number;
  readonly oldest: string;
  readonly newest: string;
  readonly account: string;
  readonly regions: readonly string[];
  readonly days: number;
  readonly hours_per_file: number;
  readonly gzip_level: number;
  readonly seed: number;
  readonly templates: number;
  /** Files per partition day (`yyyy/MM/dd` → files), for the pruning check. */
  readonly files_per_day: Readonly<Record<string, number>>;
}

export const DEFAULT_END = new Date('2024-07-01T00:00:00Z');
export const DEFAULT_ACCOUNT = '111122223333';
const HOUR = 3_600_000;

/** Share of the events each region gets: the first (home) region most. */
export function regionWeights(regions: readonly string[]): number[] {
  const base = [0.55, 0.2, 0.15, 0.1];
  const w = regions.map((_, i) => base[i] ?? 0.05);
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

/** Relative activity of an hour: office hours on weekdays are busiest, nights and weekends quiet. */
export function hourWeight(start: Date): number {
  const h = start.getUTCHours();
  const weekend = start.getUTCDay() === 0 || start.getUTCDay() === 6;
  const office = h >= 8 && h < 18 ? 2.5 : h >= 6 && h < 21 ? 1.2 : 0.5;
  return office * (weekend ? 0.4 : 1);
}

interface Slot {
  readonly region: string;
  readonly start: number;
  readonly count: number;
}

/**
 * Events per (region, window), summing exactly to `events`: proportional shares rounded down,
 * the remainder going to the largest fractional parts (deterministic).
 */
export function planSlots(o: Required<Pick<GenerateOptions, 'events' | 'days' | 'regions' | 'hoursPerFile'>> & { end: Date }): Slot[] {
  const windows = Math.floor((o.days * 24) / o.hoursPerFile);
  const first = o.end.getTime() - windows * o.hoursPerFile * HOUR;
  const rw = regionWeights(o.regions);
  const raw: { region: string; start: number; w: number }[] = [];
  for (let i = 0; i < windows; i++) {
    const start = first + i * o.hoursPerFile * HOUR;
    let hw = 0;
    for (let h = 0; h < o.hoursPerFile; h++) hw += hourWeight(new Date(start + h * HOUR));
    o.regions.forEach((region, r) => raw.push({ region, start, w: hw * rw[r]! }));
  }
  const total = raw.reduce((a, s) => a + s.w, 0);
  const exact = raw.map((s) => (s.w / total) * o.events);
  const counts = exact.map(Math.floor);
  let left = o.events - counts.reduce((a, b) => a + b, 0);
  const byFraction = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byFraction) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return raw.map((s, i) => ({ region: s.region, start: s.start, count: counts[i]! }));
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

function randomString(rnd: () => number, n: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

/** A UUID v4 from the seeded PRNG. */
function uuid(rnd: () => number): string {
  const h = randomString(rnd, 32, HEX);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(rnd() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2024-06-29T23:58:01Z`: CloudTrail's eventTime has whole seconds. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The S3 key of a file delivered at `delivered`. */
export function s3Key(account: string, region: string, delivered: Date, suffix: string): string {
  const d = delivered;
  const day = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  return `AWSLogs/${account}/CloudTrail/${region}/${day}/${account}_CloudTrail_${region}_${stamp}_${suffix}.json.gz`;
}

/** Documentation ranges (RFC 5737): plausible public callers that are nobody's real address. */
function randomPublicIp(rnd: () => number): string {
  const nets = ['192.0.2', '198.51.100', '203.0.113'];
  return `${nets[Math.floor(rnd() * nets.length)]}.${1 + Math.floor(rnd() * 254)}`;
}

const IS_IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)$/i;

/**
 * One event from a template: times, ids, region and account are new; IP callers get an IP from
 * the observed pool (80 %) or a fresh documentation address; AWS-service callers keep theirs.
 */
function makeEvent(t: CloudTrailRecord, time: number, region: string, account: string, profile: FixtureProfile, rnd: () => number): CloudTrailRecord {
  const ip = t.sourceIPAddress;
  const sourceIPAddress = typeof ip === 'string' && IS_IP.test(ip)
    ? rnd() < 0.8 && profile.ips.length > 0 ? profile.ips[Math.floor(rnd() * profile.ips.length)]! : randomPublicIp(rnd)
    : ip;
  return {
    ...t,
    eventTime: isoSeconds(time),
    awsRegion: region,
    sourceIPAddress,
    eventID: uuid(rnd),
    ...(t.requestID !== undefined ? { requestID: uuid(rnd) } : {}),
    recipientAccountId: account,
  };
}

/** The file's text: the records of one delivery, oldest first, minified like CloudTrail's own. */
function fileText(records: readonly CloudTrailRecord[]): string {
  return `{"Records":[${records.map((r) => JSON.stringify(r)).join(',')}]}`;
}

/** Generates the logs; returns what was written and how fast. */
export async function generateEvents(o: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const seed = o.seed ?? 20240701;
  const end = o.end ?? DEFAULT_END;
  const account = o.account ?? DEFAULT_ACCOUNT;
  const hoursPerFile = o.hoursPerFile ?? 1;
  const gzipLevel = o.gzipLevel ?? 1;
  const profile = o.profile ?? loadFixtureProfile();
  const rnd = mulberry32(seed);
  const slots = planSlots({ events: o.events, days: o.days, regions: o.regions, hoursPerFile, end });
  const home = o.regions[0];

  let files = 0;
  let bytesGz = 0;
  let bytesJson = 0;
  let oldest = Infinity;
  let newest = -Infinity;
  const filesPerDay: Record<string, number> = {};
  // One mkdir per folder, shared by the files written into it (writes overlap).
  const madeDirs = new Map<string, Promise<unknown>>();
  // Up to WINDOW files compress and write while the next ones are built: gzip runs off-thread.
  const WINDOW = 4;
  const pending: Promise<void>[] = [];

  for (const slot of slots) {
    if (slot.count === 0) continue;
    const pool = slot.region === home ? profile.templates : profile.regionalTemplates;
    const span = hoursPerFile * HOUR;
    const times = Array.from({ length: slot.count }, () => slot.start + Math.floor(rnd() * (span / 1000)) * 1000).sort((a, b) => a - b);
    const records = times.map((time) => makeEvent(pool[Math.floor(rnd() * pool.length)]!, time, slot.region, account, profile, rnd));
    oldest = Math.min(oldest, times[0]!);
    newest = Math.max(newest, times[times.length - 1]!);

    const delivered = new Date(slot.start + span + (5 + Math.floor(rnd() * 10)) * 60_000);
    const key = s3Key(account, slot.region, delivered, randomString(rnd, 16, ALNUM));
    const day = key.split('/').slice(4, 7).join('/');
    filesPerDay[day] = (filesPerDay[day] ?? 0) + 1;
    const text = fileText(records);
    bytesJson += Buffer.byteLength(text);
    files++;

    const path = join(o.out, key);
    const dir = dirname(path);
    const write = (async () => {
      if (!madeDirs.has(dir)) madeDirs.set(dir, mkdir(dir, { recursive: true }));
      await madeDirs.get(dir);
      const gz = await gzipAsync(text, { level: gzipLevel });
      bytesGz += gz.length;
      await writeFile(path, gz);
    })();
    pending.push(write);
    if (pending.length >= WINDOW) await pending.shift();
  }
  await Promise.all(pending);
  const ms = performance.now() - started;
  return {
    events: o.events,
    files,
    bytes_gz: bytesGz,
    bytes_json: bytesJson,
    ms: Math.round(ms),
    events_per_s: Math.round(o.events / (ms / 1000)),
    oldest: isoSeconds(oldest),
    newest: isoSeconds(newest),
    account,
    regions: o.regions,
    days: o.days,
    hours_per_file: hoursPerFile,
    gzip_level: gzipLevel,
    seed,
    templates: profile.templates.length,
    files_per_day: filesPerDay,
  };
}
