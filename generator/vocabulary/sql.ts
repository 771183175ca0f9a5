/**
 * SQL as chunks, not a string: interpolated fields stay references until rendering, where they
 * become `${view.field}` in LookML and resolved expressions in the query compiler.
 */

/** A reference to a field: `${field}` (same view) or `${view.field}`. */
export interface FieldRef {
  readonly kind: 'field-ref';
  readonly view?: string;
  readonly field: string;
}

/** `${TABLE}`: the view's table alias. */
export interface TableRef {
  readonly kind: 'table-ref';
}

export type SqlChunk = string | FieldRef | TableRef;

export interface Sql {
  readonly kind: 'sql';
  readonly chunks: readonly SqlChunk[];
}

export const TABLE: TableRef = Object.freeze({ kind: 'table-ref' });

export function fieldRef(field: string, view?: string): FieldRef {
  return Object.freeze(view === undefined ? { kind: 'field-ref', field } : { kind: 'field-ref', view, field });
}

export function isSql(value: unknown): value is Sql {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'sql';
}

// `${TABLE}`, `${name}`, `${view.name}` inside plain text (LookML substitution syntax).
const SUBSTITUTION = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*\}/g;

/** Splits LookML-style text into chunks, turning `${…}` substitutions into references. */
export function parseSubstitutions(text: string): SqlChunk[] {
  const chunks: SqlChunk[] = [];
  let last = 0;
  for (const m of text.matchAll(SUBSTITUTION)) {
    if (m.index > last) chunks.push(text.slice(last, m.index));
    const [, first, second] = m;
    if (second !== undefined) chunks.push(fieldRef(second, first));
    else if (first === 'TABLE') chunks.push(TABLE);
    else chunks.push(fieldRef(first!));
    last = m.index + m[0].length;
  }
  if (last < text.length) chunks.push(text.slice(last));
  return chunks;
}

type Interpolation = FieldRef | TableRef | Sql | string | number;

/**
 * The sql`` tag. Interpolate field references (`${v.fields.event_name}`), `${TABLE}` as the
 * exported `TABLE`, other Sql values, or literal text/numbers. LookML `${…}` written inside the
 * template text itself (escaped as `\${…}`) is parsed into references too.
 */
export function sql(strings: TemplateStringsArray, ...values: Interpolation[]): Sql {
  const chunks: SqlChunk[] = [];
  strings.raw.forEach((raw, i) => {
    chunks.push(...parseSubstitutions(strings[i] ?? raw));
    if (i < values.length) chunks.push(...interpolationChunks(values[i]!));
  });
  return makeSql(chunks);
}

/** Sql from LookML text, e.g. `sqlText('${TABLE}.eventname')`. */
export function sqlText(text: string): Sql {
  return makeSql(parseSubstitutions(text));
}

function interpolationChunks(value: Interpolation): SqlChunk[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (isSql(value)) return [...value.chunks];
  return [value];
}

/** Joins adjacent text chunks so equal SQL has one representation. */
export function makeSql(chunks: readonly SqlChunk[]): Sql {
  const merged: SqlChunk[] = [];
  for (const chunk of chunks) {
    const prev = merged[merged.length - 1];
    if (typeof chunk === 'string' && typeof prev === 'string') merged[merged.length - 1] = prev + chunk;
    else if (chunk !== '') merged.push(chunk);
  }
  return Object.freeze({ kind: 'sql', chunks: Object.freeze(merged) });
}

/** Accepts Sql or LookML text. */
export function toSql(value: Sql | string): Sql {
  return typeof value === 'string' ? sqlText(value) : value;
}

/** The field references a piece of SQL makes. */
export function refsOf(value: Sql): FieldRef[] {
  return value.chunks.filter((c): c is FieldRef => typeof c === 'object' && c.kind === 'field-ref');
}

/** Renders as LookML text: `${TABLE}`, `${field}`, `${view.field}`. */
export function sqlToLookml(value: Sql): string {
  return value.chunks
    .map((c) => {
      if (typeof c === 'string') return c;
      if (c.kind === 'table-ref') return '${TABLE}';
      return c.view === undefined ? `\${${c.field}}` : `\${${c.view}.${c.field}}`;
    })
    .join('');
}
