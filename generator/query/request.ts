/** What a query asks for: an explore, fields, filters, sorts, pivots and a limit (a tile is exactly this). */

export interface QueryRequest {
  readonly explore: string;
  /** `alias.field` names, in output order. */
  readonly fields: readonly string[];
  /** `alias.field` → Looker filter expression. */
  readonly filters?: Readonly<Record<string, string>>;
  /** `alias.field [asc|desc]`. */
  readonly sorts?: readonly string[];
  /** Fields whose values become columns (they are grouped like any dimension in SQL). */
  readonly pivots?: readonly string[];
  readonly limit?: number;
  /** Relative dates ("7 days") are computed from this instant (UTC). */
  readonly now: Date;
  /** Values of Looker user attributes, for access filters and Liquid. */
  readonly userAttributes?: Readonly<Record<string, string>>;
  /** Names the query in error messages, e.g. `dashboard x / tile "y"`. */
  readonly where?: string;
  /**
   * A field check, not a Looker query: every dimension is wrapped in COUNT() and nothing is
   * grouped, sorted or limited. Each expression is still evaluated on every row (a bad cast still
   * fails), but memory stays flat: grouping by every dimension of an explore, the event id among
   * them, builds one group per event.
   */
  readonly probe?: boolean;
}

/** Looker's default row limit for a query without one, and its hard maximum. */
export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 5000;

/** A compiled query: the SQL Looker would send, and what each output column is. */
export interface CompiledQuery {
  readonly sql: string;
  readonly columns: readonly OutputColumn[];
  /** The explore aliases the FROM clause reads (base and joins actually used). */
  readonly aliases: readonly string[];
}

export interface OutputColumn {
  /** `alias.field`, also the SQL column alias. */
  readonly name: string;
  readonly kind: 'dimension' | 'measure';
  /** The field type (`string`, `yesno`, `count`, …) or the timeframe for a time group. */
  readonly type: string;
}

/** A query that cannot be compiled: the message names the query and the field. */
export class QueryCompileError extends Error {
  constructor(message: string, readonly where?: string, readonly field?: string) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'QueryCompileError';
  }
}
