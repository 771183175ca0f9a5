/**
 * `query`: run an explore query or a dashboard tile's query on local CloudTrail logs (or print
 * its SQL): the same Athena SQL Looker would send, no Looker and no AWS needed.
 */
import { parseFlags, intFlag, keyValueFlags, USER_ATTRIBUTE_FLAG, USER_ATTRIBUTE_HELP } from '../args.js';
import type { CliIo } from '../io.js';
import { compileForCli, reportDiagnostics } from '../compile-for-cli.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import { UsageError } from '../errors.js';
import { ATHENA_FLAGS, ATHENA_HELP, openAthena, openDuckDb, withInterrupt } from '../engine-factory.js';
import { parseNow } from '../now.js';
import { formatRows, type RowFormat } from '../format-rows.js';
import { QueryCompiler, QueryCompileError, findTile, tileQuery, type QueryRequest } from '../../query/index.js';
import type { ProjectIR } from '../../ir/project-ir.js';
import { EngineQueryError } from '../../engines/engine.js';

export const QUERY_HELP = `Usage: cloudtrail-lookml query --explore E --fields F1,F2 [--filter FIELD=EXPR]… [--sort "F desc"] [--limit N]
       cloudtrail-lookml query --dashboard D --tile "TITLE" [--filter NAME=EXPR]…
                               [--data PATH] [--now ISO] [--format table|json|csv] [--sql]

Runs the query Looker would run, on CloudTrail log files with the embedded DuckDB.

Options:
  --explore E        explore name
  --fields LIST      comma-separated view.field names
  --filter K=EXPR    a Looker filter expression ("7 days", "-NULL", "%sg-%", ">10"); K is a
                     view.field, or for --dashboard the name of a dashboard filter; repeatable
  --sort "F desc"    sort; repeatable
  --limit N          row limit (default 500)
  --dashboard D      dashboard name; with --tile, run that tile with the dashboard's default filters
  --tile TITLE       tile title (or element name)
  --data PATH        CloudTrail logs: S3-layout folder or loose .json/.json.gz files
                     (default: the bundled sample logs)
  --now ISO          instant relative dates are computed from (default: now)
  --format F         table (default), json (rows keyed by view.field) or csv
  --sql              print the SQL only, run nothing
  --engine NAME      duckdb (default) or athena (runs the real SELECT, prints bytes scanned and cost)
  --config FILE      the config file exporting the block
${USER_ATTRIBUTE_HELP}
  -h, --help         show this help

${ATHENA_HELP}`;

const FLAGS = {
  explore: { type: 'string' },
  fields: { type: 'string' },
  filter: { type: 'string', multiple: true },
  sort: { type: 'string', multiple: true },
  limit: { type: 'string' },
  dashboard: { type: 'string' },
  tile: { type: 'string' },
  data: { type: 'string' },
  now: { type: 'string' },
  format: { type: 'string' },
  sql: { type: 'boolean' },
  config: { type: 'string' },
  engine: { type: 'string' },
  ...USER_ATTRIBUTE_FLAG,
  ...ATHENA_FLAGS,
} as const;

type QueryFlags = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

export async function queryCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('query', args, FLAGS);
  if (values.help) return io.out(QUERY_HELP), EXIT_OK;
  const format = (values.format ?? 'table') as RowFormat;
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, got "${values.format}"`);
  const compiled = await compileForCli(io, values.config);
  if (reportDiagnostics(io, compiled)) return EXIT_FINDINGS;

  let query;
  try {
    query = new QueryCompiler(compiled.ir).compile(buildRequest(compiled.ir, values));
  } catch (error) {
    if (error instanceof QueryCompileError || (error as Error).name === 'UnsupportedFilterError') throw new UsageError((error as Error).message);
    throw error;
  }
  if (values.sql) return io.out(query.sql), EXIT_OK;

  const engineName = values.engine ?? 'duckdb';
  if (engineName !== 'duckdb' && engineName !== 'athena') throw new UsageError(`--engine must be duckdb or athena, got "${engineName}"`);
  const engine = engineName === 'athena'
    ? await openAthena(compiled.loaded.block, values)
    : await openDuckDb(compiled.loaded.block, { cwd: io.cwd, ...(values.data ? { data: values.data } : {}) });
  try {
    const result = await withInterrupt((signal) => engine.run(query.sql, { signal }));
    io.out(formatRows(query.columns.map((c) => c.name), result.rows, format));
    if ('usage' in engine) {
      const u = engine.usage();
      io.err(`athena: ${u.bytesScanned} bytes scanned, about $${u.estimatedCostUsd.toFixed(6)} (at $5 per TB, 10 MB minimum per query)`);
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof EngineQueryError) return io.err(`query failed: ${error.message}`), EXIT_FINDINGS;
    throw error;
  } finally {
    await engine.close();
  }
}

function buildRequest(ir: ProjectIR, v: QueryFlags): QueryRequest {
  const now = parseNow(v.now);
  const limit = v.limit === undefined ? undefined : intFlag('limit', v.limit, 500);
  const userAttributes = keyValueFlags(v['user-attribute'], 'user-attribute');
  const filters = keyValueFlags(v.filter, 'filter');
  if (v.dashboard !== undefined) {
    if (v.tile === undefined) throw new UsageError('--dashboard needs --tile "TITLE"');
    const d = ir.dashboards.find((x) => x.name === v.dashboard);
    if (!d) throw new UsageError(`no dashboard "${v.dashboard}" (dashboards: ${ir.dashboards.map((x) => x.name).join(', ') || 'none'})`);
    const tile = findTile(d, v.tile);
    // A key with a dot is a field; otherwise the name of one of the dashboard's filters.
    const dashboardFilters = Object.fromEntries(Object.entries(filters).filter(([k]) => !k.includes('.')));
    const extraFilters = Object.fromEntries(Object.entries(filters).filter(([k]) => k.includes('.')));
    for (const name of Object.keys(dashboardFilters)) {
      if (!d.filters.some((f) => f.name === name)) throw new UsageError(`dashboard ${d.name} has no filter "${name}" (filters: ${d.filters.map((f) => f.name).join(', ') || 'none'}); use view.field=EXPR to filter a field`);
    }
    const request = tileQuery(d, tile, { now, dashboardFilters, extraFilters, userAttributes });
    return { ...request, ...(v.sort ? { sorts: v.sort } : {}), ...(limit !== undefined ? { limit } : {}) };
  }
  if (v.explore === undefined || v.fields === undefined) throw new UsageError('give --explore and --fields, or --dashboard and --tile (see --help)');
  const fields = v.fields.split(',').map((f) => f.trim()).filter(Boolean);
  return { explore: v.explore, fields, filters, userAttributes, ...(v.sort ? { sorts: v.sort } : {}), ...(limit !== undefined ? { limit } : {}), now, where: `query on explore ${v.explore}` };
}
