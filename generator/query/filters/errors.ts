/**
 * Raised for any filter expression (or parsed AST node) this compiler does not translate.
 * We never drop a filter silently: a dropped filter widens a query (and its Athena scan)
 * without anyone noticing, so an unsupported expression must stop compilation.
 */
export class UnsupportedFilterError extends Error {
  override readonly name = 'UnsupportedFilterError';
  readonly expression: string;
  readonly filterType: string;
  readonly where: string | undefined;
  readonly reason: string;

  constructor(args: { expression: string; type: string; where?: string | undefined; reason: string }) {
    super(formatMessage(args));
    this.expression = args.expression;
    this.filterType = args.type;
    this.where = args.where;
    this.reason = args.reason;
  }
}

function formatMessage(args: { expression: string; type: string; where?: string | undefined; reason: string }): string {
  const at = args.where ? ` (at ${args.where})` : '';
  return `Unsupported ${args.type} filter expression ${JSON.stringify(args.expression)}${at}: ${args.reason}`;
}

/** What a translator needs to report an error: the original expression, its type and where it came from. */
export interface FilterContext {
  readonly expression: string;
  readonly type: string;
  readonly where?: string | undefined;
}

export function unsupported(ctx: FilterContext, reason: string): UnsupportedFilterError {
  return new UnsupportedFilterError({ expression: ctx.expression, type: ctx.type, where: ctx.where, reason });
}
