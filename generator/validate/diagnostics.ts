/**
 * Findings: a rule id, a severity, the model path, the TS source line where known, the file the
 * finding lands in, a message and a one-line fix hint. All are collected, then reported at once.
 */
import type { Origin } from '../vocabulary/origin.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly rule: string;
  readonly severity: Severity;
  /** Model path: `view cloudtrail_logs / field is_root`, `dashboard x / tile "y"`. */
  readonly where: string;
  readonly message: string;
  readonly hint?: string;
  /** TS source location of the definition, e.g. `model/views/x.view.ts:12`. */
  readonly origin?: Origin;
  /** Generated file the finding lands in, relative to the output folder. */
  readonly file?: string;
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** One finding per line group, readable in a terminal. */
export function formatDiagnostic(d: Diagnostic): string {
  const lines = [`${d.severity} [${d.rule}] ${d.where}: ${d.message}`];
  const at = [d.origin && `defined at ${d.origin}`, d.file && `emitted in ${d.file}`].filter(Boolean).join(', ');
  if (at) lines.push(`    ${at}`);
  if (d.hint) lines.push(`    hint: ${d.hint}`);
  return lines.join('\n');
}

/** "did you mean": the closest candidate within a small edit distance. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** `did you mean "x"?` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const m = closestMatch(word, candidates);
  return m ? ` (did you mean "${m}"?)` : '';
}
