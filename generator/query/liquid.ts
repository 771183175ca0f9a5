/**
 * Looker's Liquid in SQL, rendered for one query: `{% condition f %}expr{% endcondition %}`,
 * `{% date_start f %}`, `{% date_end f %}`, `{% parameter p %}`, `{{ f._is_filtered }}`,
 * `{{ p._parameter_value }}` and `{{ _user_attributes['name'] }}`. Anything else Liquid does
 * (if/else, case, assign) comes from liquidjs itself.
 */
import { Liquid, Tag, type Context, type Emitter, type TagToken, type TopLevelToken, type Template } from 'liquidjs';
import { dateFilterRange, filterToSql, timestampLiteral, type FilterFieldType } from './filters/index.js';
import { QueryCompileError } from './request.js';

/** What Liquid can know about a query's fields. */
export interface LiquidQueryContext {
  /** `alias.field` → filter expression applied in this query. */
  readonly filters: Readonly<Record<string, string>>;
  /** `alias.param` → value chosen (or the parameter's default). */
  readonly parameters: Readonly<Record<string, { readonly value: string; readonly type: string }>>;
  readonly userAttributes: Readonly<Record<string, string>>;
  /** The filter type of a field named in `{% condition %}` (undefined: unknown field). */
  readonly filterTypeOf: (field: string) => FilterFieldType | undefined;
  readonly now: Date;
  readonly where?: string;
}

/** Where the query context rides in the Liquid scope (not a name Looker SQL would use). */
const QUERY = '__cloudtrail_lookml_query__';

type LiquidEnv = { [QUERY]: LiquidQueryContext };

function queryOf(ctx: Context): LiquidQueryContext {
  return (ctx.environments as unknown as LiquidEnv)[QUERY];
}

class ConditionTag extends Tag {
  private readonly field: string;
  private readonly body: Template[] = [];

  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    this.field = token.args.trim();
    const stream = liquid.parser.parseStream(remain);
    stream
      .on('tag:endcondition', () => stream.stop())
      .on('template', (tpl: Template) => this.body.push(tpl))
      .on('end', () => {
        throw new Error(`{% condition ${this.field} %} is not closed by {% endcondition %}`);
      });
    stream.start();
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const inner = (yield this.liquid.renderer.renderTemplates(this.body, ctx)) as string;
    const q = queryOf(ctx);
    const expression = q.filters[this.field];
    // Looker renders an unfiltered condition as always-true.
    if (expression === undefined || expression === '') return emitter.write('1=1');
    const type = q.filterTypeOf(this.field);
    if (!type) throw new QueryCompileError(`{% condition ${this.field} %} names a field that is not in the explore`, q.where);
    emitter.write(filterToSql({ expression, type, sql: inner.trim(), now: q.now, ...(q.where ? { where: q.where } : {}) }));
  }
}

function dateBoundTag(side: 'start' | 'end') {
  return class extends Tag {
    private readonly field: string;
    constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
      super(token, remain, liquid);
      this.field = token.args.trim();
    }
    render(ctx: Context, emitter: Emitter): void {
      const q = queryOf(ctx);
      const expression = q.filters[this.field];
      const range = expression ? dateFilterRange(expression, q.now, q.where) : { start: null, end: null };
      const bound = side === 'start' ? range.start : range.end;
      emitter.write(bound ? timestampLiteral(bound) : 'NULL');
    }
  };
}

class ParameterTag extends Tag {
  private readonly parameterName: string;
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    this.parameterName = token.args.trim();
  }
  render(ctx: Context, emitter: Emitter): void {
    const q = queryOf(ctx);
    const p = q.parameters[this.parameterName];
    if (!p) throw new QueryCompileError(`{% parameter ${this.parameterName} %} names no parameter of the explore`, q.where);
    // Looker quotes string parameters and inserts unquoted/number ones as they are.
    emitter.write(p.type === 'string' ? `'${p.value.replace(/'/g, "''")}'` : p.value);
  }
}

const engine = new Liquid({ strictFilters: true, strictVariables: false, jsTruthy: false });
engine.registerTag('condition', ConditionTag);
engine.registerTag('date_start', dateBoundTag('start'));
engine.registerTag('date_end', dateBoundTag('end'));
engine.registerTag('parameter', ParameterTag);

const parsed = new Map<string, Template[]>();

/** True when text holds Liquid at all (most SQL does not; skip the engine then). */
export const hasLiquid = (text: string): boolean => text.includes('{%') || text.includes('{{');

/** Renders Liquid in one SQL text for a query. */
export function renderLiquid(text: string, q: LiquidQueryContext): string {
  if (!hasLiquid(text)) return text;
  let templates = parsed.get(text);
  try {
    if (!templates) {
      templates = engine.parse(text);
      parsed.set(text, templates);
    }
    return engine.renderSync(templates, { ...variables(q), [QUERY]: q });
  } catch (error) {
    if (error instanceof QueryCompileError) throw error;
    const cause = (error as { originalError?: unknown }).originalError ?? error;
    if (cause instanceof QueryCompileError || (cause as Error)?.name === 'UnsupportedFilterError') throw cause;
    throw new QueryCompileError(`Liquid error: ${(error as Error).message}`, q.where);
  }
}

/**
 * The variables Liquid sees: `{{ view.field._is_filtered }}`, `{{ view.param._parameter_value }}`,
 * `{{ _user_attributes['x'] }}`. Nested plain objects, built from the query.
 */
function variables(q: LiquidQueryContext): Record<string, unknown> {
  const vars: Record<string, Record<string, Record<string, unknown>>> = {};
  const put = (qualified: string, key: string, value: unknown): void => {
    const [view, field] = qualified.split('.') as [string, string];
    ((vars[view] ??= {})[field] ??= {})[key] = value;
  };
  for (const [name, expression] of Object.entries(q.filters)) put(name, '_is_filtered', expression !== '');
  for (const [name, p] of Object.entries(q.parameters)) put(name, '_parameter_value', p.type === 'string' ? `'${p.value.replace(/'/g, "''")}'` : p.value);
  return { ...vars, _user_attributes: { ...q.userAttributes } };
}
