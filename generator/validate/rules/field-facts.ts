/**
 * Small facts about fields that several rules need: is it an aggregate, which filter grammar
 * applies to it, does a view have a primary key, what a `${…}` resolves to. Kept apart so each
 * rule stays one short function.
 */
import { timeframeFilterKind } from '../../query/timeframes.js';
import type { Timeframe } from '../../vocabulary/lookml-values.js';
import { refsOf, type Sql } from '../../vocabulary/sql.js';
import type { FieldIR, ViewIR } from '../../ir/project-ir.js';
import type { FieldIndex, ResolvedField } from '../../ir/field-index.js';

/** Measure types that aggregate rows (Looker: they may only reference dimensions). */
const NON_AGGREGATE_MEASURES: ReadonlySet<string> = new Set(['number', 'string', 'date', 'yesno', 'int']);

export function isAggregateMeasure(f: FieldIR): boolean {
  return f.kind === 'measure' && !NON_AGGREGATE_MEASURES.has(f.type);
}

/** The grammar a Looker filter on this field uses (what a dashboard filter must match). */
export type FilterCategory = 'string' | 'number' | 'yesno' | 'date' | 'parameter' | 'location';

export function filterCategory(r: ResolvedField): FilterCategory {
  const f = r.field;
  switch (f.kind) {
    case 'measure':
      return f.type === 'list' ? 'string' : 'number';
    case 'dimension_group':
      if (f.type === 'duration') return 'number';
      // An unknown timeframe (JS configs) is reported elsewhere; treat it as a date meanwhile.
      return r.timeframe ? timeframeFilterKind(r.timeframe as Timeframe) : 'date';
    case 'dimension':
      if (f.type === 'number') return 'number';
      if (f.type === 'yesno') return 'yesno';
      if (f.type === 'location') return 'location';
      return 'string';
    case 'filter':
      return f.type === 'date' || f.type === 'date_time' ? 'date' : f.type === 'number' ? 'number' : f.type === 'yesno' ? 'yesno' : 'string';
    case 'parameter':
      return 'parameter';
  }
}

/** The dimensions of a view marked `primaryKey: true`. */
export function primaryKeysOf(v: ViewIR): FieldIR[] {
  return v.fields.filter((f) => f.kind === 'dimension' && 'primaryKey' in f && f.primaryKey === true);
}

/** A field reference in SQL, resolved against the owning view (undefined when it does not resolve). */
export function resolveRef(index: FieldIndex, ownerView: string, ref: { view?: string; field: string }): ResolvedField | undefined {
  return index.field(ref.view ?? ownerView, ref.field);
}

/** The fields a piece of SQL references that are measures, as written (`${x}` / `${v.x}`). */
export function measureRefs(index: FieldIndex, ownerView: string, value: Sql | undefined): string[] {
  if (!value || !Array.isArray(value.chunks)) return [];
  return refsOf(value)
    .filter((ref) => resolveRef(index, ownerView, ref)?.field.kind === 'measure')
    .map((ref) => (ref.view === undefined ? `\${${ref.field}}` : `\${${ref.view}.${ref.field}}`));
}

/** Looker's default label for a name: `event_count` → `Event Count`. */
export function defaultLabel(name: string): string {
  return name.split('_').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
}
