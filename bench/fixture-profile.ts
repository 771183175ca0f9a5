/**
 * What real CloudTrail looks like, read from the project's fixture records at generation time:
 * the records themselves become templates (so event sources and names keep their real
 * frequencies, and each event name its real identity, error, user agent and
 * requestParameters/responseElements shapes), plus the pool of source IPs.
 *
 * Left out on purpose: the Panther rule-test events, which PROVENANCE.md calls hand-edited test
 * events rather than AWS output (string booleans, JSON-string fields, missing fields).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

export type CloudTrailRecord = Record<string, unknown> & {
  eventTime?: string;
  eventName?: string;
  eventSource?: string;
  eventID?: string;
  sourceIPAddress?: string;
};

export interface FixtureProfile {
  /** Records usable as templates (deduplicated by eventID), in a stable order. */
  readonly templates: readonly CloudTrailRecord[];
  /** Templates of services that are not global (their events can land in any region). */
  readonly regionalTemplates: readonly CloudTrailRecord[];
  /** Observed source IP addresses (repeated as often as they occur). */
  readonly ips: readonly string[];
  /** Files read, relative to the fixture folder. */
  readonly files: readonly string[];
  readonly recordsRead: number;
}

export const FIXTURE_DIR = new URL('../test/fixtures/cloudtrail/', import.meta.url);

/** Not AWS output (see PROVENANCE.md): excluded from the templates. */
const EXCLUDED = [/panther_cloudtrail_rule_tests/];

/**
 * Services whose events CloudTrail records in us-east-1 whatever region the caller used; a
 * generated event in another region never comes from them.
 */
const GLOBAL_SOURCES = new Set(['iam.amazonaws.com', 'signin.amazonaws.com', 'sts.amazonaws.com', 'organizations.amazonaws.com', 'cloudfront.amazonaws.com', 'route53.amazonaws.com']);

function listJsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.json(\.gz)?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The records of one file, whatever the fixture format: `{"Records":[…]}`, an array, or one object per line. */
export function recordsOfText(text: string): CloudTrailRecord[] {
  const trimmed = text.trim();
  try {
    const value = JSON.parse(trimmed) as unknown;
    if (Array.isArray(value)) return value as CloudTrailRecord[];
    if (value && typeof value === 'object' && Array.isArray((value as { Records?: unknown }).Records)) return (value as { Records: CloudTrailRecord[] }).Records;
    return [value as CloudTrailRecord];
  } catch {
    return trimmed.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as CloudTrailRecord);
  }
}

function readRecords(path: string): CloudTrailRecord[] {
  const raw = readFileSync(path);
  return recordsOfText((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

/** A record the generator can use: an object with the fields every CloudTrail event has. */
function usable(r: CloudTrailRecord): boolean {
  return typeof r === 'object' && r !== null && typeof r.eventName === 'string' && typeof r.eventSource === 'string' && typeof r.eventTime === 'string';
}

const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)$/i;

export function loadFixtureProfile(dir: URL = FIXTURE_DIR): FixtureProfile {
  const root = dir.pathname;
  const files = listJsonFiles(root).filter((f) => !EXCLUDED.some((re) => re.test(f)));
  const seen = new Set<string>();
  const templates: CloudTrailRecord[] = [];
  let recordsRead = 0;
  for (const file of files) {
    for (const r of readRecords(file)) {
      recordsRead++;
      if (!usable(r)) continue;
      // The same event appears in an original and in a converted copy; count it once.
      const key = r.eventID ?? `${r.eventTime}|${r.eventName}|${r.sourceIPAddress ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      templates.push(r);
    }
  }
  const ips = templates.map((t) => t.sourceIPAddress).filter((ip): ip is string => typeof ip === 'string' && IP.test(ip));
  return {
    templates,
    regionalTemplates: templates.filter((t) => !GLOBAL_SOURCES.has(t.eventSource ?? '')),
    ips,
    files: files.map((f) => relative(root, f)),
    recordsRead,
  };
}

/** The most frequent values of a key among the templates, for the report. */
export function topValues(templates: readonly CloudTrailRecord[], key: (r: CloudTrailRecord) => unknown, n = 8): { value: string; share: number }[] {
  const counts = new Map<string, number>();
  for (const t of templates) {
    const v = String(key(t) ?? '(none)');
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([value, c]) => ({ value, share: Math.round((c / templates.length) * 1000) / 1000 }));
}
