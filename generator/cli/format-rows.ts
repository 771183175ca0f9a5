/** Query results as a table, JSON (rows keyed by `view.field`) or CSV. */
import type { Cell } from '../engines/engine.js';

export type RowFormat = 'table' | 'json' | 'csv';

export function formatRows(columns: readonly string[], rows: readonly Record<string, Cell>[], format: RowFormat): string {
  if (format === 'json') return `${JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))), null, 2)}\n`;
  if (format === 'csv') return `${[columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? null)).join(','))].join('\n')}\n`;
  return table(columns, rows);
}

function csvCell(value: Cell | string): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const text = (v: Cell | undefined): string => (v === null || v === undefined ? '∅' : String(v).replace(/\s+/g, ' '));
  const widths = columns.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => text(r[c]).length))));
  const cut = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (cells: string[]): string => cells.map((s, i) => cut(s, widths[i]!)).join(' │ ').trimEnd();
  return [
    line([...columns]),
    widths.map((w) => '─'.repeat(w)).join('─┼─'),
    ...rows.map((r) => line(columns.map((c) => text(r[c])))),
    `(${rows.length} row${rows.length === 1 ? '' : 's'})`,
    '',
  ].join('\n');
}
