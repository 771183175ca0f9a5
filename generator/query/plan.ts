/**
 * Which joins a query needs: those of the fields it selects, filters and sorts, of the explore's
 * sql_always_where, of access filters, plus what those joins' sql_on and required_joins need.
 * And which aliases a one-to-many join multiplies (their counts must be distinct on the key).
 */
import { parseSubstitutions, sqlToLookml, type Sql } from '../vocabulary/sql.js';
import type { ExploreScope } from '../ir/explore-scope.js';

/** Aliases named by `alias.field` strings and `${alias.field}` references. */
export function aliasesIn(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    const dot = n.indexOf('.');
    if (dot > 0) out.add(n.slice(0, dot));
  }
  return out;
}

export function aliasesOfSql(value: Sql | undefined): Set<string> {
  const out = new Set<string>();
  if (!value) return out;
  // Liquid tags name fields too ({% condition alias.field %}); read both forms.
  const text = sqlToLookml(value);
  for (const chunk of parseSubstitutions(text)) if (typeof chunk === 'object' && chunk.kind === 'field-ref' && chunk.view) out.add(chunk.view);
  for (const m of text.matchAll(/\{%-?\s*(?:condition|date_start|date_end|parameter)\s+([A-Za-z_][A-Za-z0-9_]*)\./g)) out.add(m[1]!);
  return out;
}

/**
 * Aliases that the SQL of the named fields (and of the given SQL texts) reaches, through `${…}`
 * references followed transitively: a dimension of the base view whose SQL reads
 * `${users.user_name}` needs the users join although it names no users field itself.
 */
export function aliasesReached(scope: ExploreScope, names: Iterable<string>, texts: Iterable<Sql | undefined> = []): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const aliasOfView = (view: string): string | undefined => {
    if (scope.aliases.has(view)) return view;
    for (const [alias, v] of scope.aliases) if (v === view) return alias;
    return undefined;
  };
  const visitSql = (alias: string | undefined, value: Sql | undefined): void => {
    if (!value) return;
    for (const a of aliasesOfSql(value)) out.add(a);
    for (const chunk of parseSubstitutions(sqlToLookml(value))) {
      if (typeof chunk !== 'object' || chunk.kind !== 'field-ref' || chunk.field === 'SQL_TABLE_NAME') continue;
      const target = chunk.view === undefined ? alias : aliasOfView(chunk.view);
      if (target !== undefined) visitField(`${target}.${chunk.field}`);
    }
  };
  const visitField = (qualified: string): void => {
    if (seen.has(qualified)) return;
    seen.add(qualified);
    const r = scope.resolve(qualified);
    if (!r) return;
    out.add(r.alias);
    const f = r.field as unknown as Record<string, unknown>;
    for (const key of ['sql', 'sqlStart', 'sqlEnd', 'sqlLatitude', 'sqlLongitude'] as const) visitSql(r.alias, f[key] as Sql | undefined);
    const filters = f['filters'] as Readonly<Record<string, string>> | undefined;
    for (const name of Object.keys(filters ?? {})) visitField(name.includes('.') ? name : `${r.alias}.${name}`);
    if (typeof f['listField'] === 'string') visitField(`${r.alias}.${f['listField']}`);
  };
  for (const n of names) visitField(n);
  for (const t of texts) visitSql(undefined, t);
  return out;
}

/** Closes a set of aliases over join dependencies; returns the joins in explore order. */
export function joinsNeeded(scope: ExploreScope, wanted: ReadonlySet<string>): string[] {
  const needed = new Set<string>();
  const visit = (alias: string): void => {
    if (alias === scope.baseAlias || needed.has(alias)) return;
    const join = scope.join(alias);
    if (!join) return;
    needed.add(alias);
    for (const dep of aliasesReached(scope, [], [join.sqlOn])) visit(dep);
    for (const dep of join.requiredJoins ?? []) visit(dep);
  };
  for (const a of wanted) visit(a);
  return (scope.explore.joins ?? []).map((j) => j.name).filter((n) => needed.has(n));
}

/**
 * Aliases whose rows are repeated in the joined result, so their measures must be de-duplicated
 * on the primary key (Looker's rule): a many_to_one join repeats the joined view (one user row per
 * event), a one_to_many join repeats every other view, a many_to_many join repeats all.
 */
export function fannedOutAliases(scope: ExploreScope, joined: readonly string[]): Set<string> {
  const all = [scope.baseAlias, ...joined];
  const out = new Set<string>();
  for (const alias of joined) {
    const rel = scope.join(alias)?.relationship;
    if (rel === 'many_to_one') out.add(alias);
    if (rel === 'one_to_many') for (const other of all) if (other !== alias) out.add(other);
    if (rel === 'many_to_many') for (const other of all) out.add(other);
  }
  return out;
}
