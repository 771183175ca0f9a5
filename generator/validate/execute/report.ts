/** The validation report: human text, JSON and JUnit XML from one value. */

export interface Failure {
  readonly kind: 'field' | 'tile';
  readonly explore?: string;
  readonly field?: string;
  readonly dashboard?: string;
  readonly tile?: string;
  /** The engine's (or compiler's) message. */
  readonly message: string;
  readonly sql?: string;
  /** The lines of SQL around the error. */
  readonly excerpt?: string;
  /** TS source of the failing field or tile. */
  readonly origin?: string;
  /** What the engine said about the failure beyond its message, where it says it (Athena: error category and type, query id). */
  readonly engineError?: { readonly category?: string; readonly type?: string; readonly queryId?: string };
}

export interface ValidationReport {
  readonly ok: boolean;
  readonly engine: string;
  readonly checked: { readonly explores: number; readonly dimensions: number; readonly measures: number; readonly tiles: number };
  readonly queries: number;
  readonly failures: readonly Failure[];
  /** Bytes the engine scanned (Athena reports them; 0 for EXPLAIN). */
  readonly bytesScanned?: number;
}

export const failurePlace = (f: Failure): string =>
  f.kind === 'field' ? `explore ${f.explore} / field ${f.field}` : `dashboard ${f.dashboard} / tile "${f.tile}"`;

export function formatReport(r: ValidationReport): string {
  const lines = [
    `${r.engine}: checked ${r.checked.explores} explores, ${r.checked.dimensions} dimensions, ${r.checked.measures} measures, ${r.checked.tiles} tiles with ${r.queries} queries` +
      (r.bytesScanned !== undefined ? ` (${r.bytesScanned} bytes scanned)` : ''),
  ];
  for (const f of r.failures) {
    lines.push('', `FAIL ${failurePlace(f)}`, `  ${f.message.split('\n').join('\n  ')}`);
    if (f.engineError) lines.push(`  ${engineErrorLine(f.engineError)}`);
    if (f.origin) lines.push(`  defined at ${f.origin}`);
    if (f.excerpt) lines.push(f.excerpt.split('\n').map((l) => `  ${l}`).join('\n'));
  }
  lines.push('', r.ok ? 'all fields and tiles ran' : `${r.failures.length} failure(s)`);
  return lines.join('\n');
}

/** "Athena error category USER, type 1006, query 7f3c…": what to search the console or the docs for. */
function engineErrorLine(e: NonNullable<Failure['engineError']>): string {
  return [e.category && `error category ${e.category}`, e.type && `type ${e.type}`, e.queryId && `query ${e.queryId}`].filter(Boolean).join(', ');
}

export function reportJson(r: ValidationReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** A finding from outside the query run (Athena schema drift) that CI should see as a failed case. */
export interface JunitFinding {
  readonly rule: string;
  readonly where: string;
  readonly message: string;
}

/**
 * One test suite per engine run; one test case per failure plus one summary case per kind, and one
 * failed case per extra finding (schema drift of the live table).
 */
export function reportJunit(r: ValidationReport, findings: readonly JunitFinding[] = []): string {
  const extra = findings.map(
    (f) => `    <testcase classname="${xml(f.rule)}" name="${xml(f.where)}">\n      <failure message="${xml(f.message.split('\n')[0] ?? '')}">${xml(f.message)}</failure>\n    </testcase>`,
  );
  const failed = r.failures.map((f) => {
    const body = [f.message, f.engineError ? engineErrorLine(f.engineError) : '', f.origin ? `defined at ${f.origin}` : '', f.excerpt ?? ''].filter(Boolean).join('\n');
    return `    <testcase classname="${xml(f.kind === 'field' ? `explore.${f.explore}` : `dashboard.${f.dashboard}`)}" name="${xml(f.field ?? f.tile ?? '')}">\n      <failure message="${xml(f.message.split('\n')[0] ?? '')}">${xml(body)}</failure>\n    </testcase>`;
  });
  const cases = [...failed, ...extra];
  const passed = [
    `    <testcase classname="validate" name="${r.checked.dimensions} dimensions and ${r.checked.measures} measures in ${r.checked.explores} explores"/>`,
    `    <testcase classname="validate" name="${r.checked.tiles} dashboard tiles"/>`,
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cloudtrail-lookml validate" tests="${cases.length + passed.length}" failures="${cases.length}">`,
    `  <testsuite name="${xml(r.engine)}" tests="${cases.length + passed.length}" failures="${cases.length}">`,
    ...passed,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
