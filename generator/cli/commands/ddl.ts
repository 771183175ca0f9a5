/** `ddl`: print the Athena DDL of the configured table. */
import { parseFlags } from '../args.js';
import type { CliIo } from '../io.js';
import { loadBlock } from '../load-config.js';
import { createTableSql } from '../../render/render-athena.js';
import { EXIT_OK } from '../exit-codes.js';
import { UsageError } from '../errors.js';
import { ATHENA_FLAGS, ATHENA_HELP, openAthena, withInterrupt } from '../engine-factory.js';

export const DDL_HELP = `Usage: cloudtrail-lookml ddl [--config FILE] [--apply --region R --workgroup W]

Prints the CREATE EXTERNAL TABLE statement(s) for the configured table: the current AWS CloudTrail
DDL (JSON SerDe + CloudTrailInputFormat) with partition projection for the chosen layout.
Run it in the Athena console, or see athena/ in the output folder.

Options:
  --config FILE   the config file exporting the block (default: ./cloudtrail-lookml.config.ts)
  --apply         run the CREATE EXTERNAL TABLE on Athena (the only statement other than
                  SELECT/EXPLAIN the tool ever sends, and only when asked)
  -h, --help      show this help

${ATHENA_HELP}`;

export async function ddlCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('ddl', args, { config: { type: 'string' }, apply: { type: 'boolean' }, ...ATHENA_FLAGS });
  if (values.help) return io.out(DDL_HELP), EXIT_OK;
  const { block } = await loadBlock(io.cwd, values.config);
  const tables = block.content.athena.filter((f) => f.kind === 'create-table');
  if (tables.length === 0) throw new UsageError('the block declares no Athena table');
  if (!values.apply) {
    for (const t of tables) io.out(createTableSql(t));
    return EXIT_OK;
  }
  const engine = await openAthena(block, values);
  try {
    for (const t of tables) {
      // One statement per request: the console-friendly trailing ";" is not part of it.
      const statement = createTableSql(t).replace(/;\s*$/, '');
      await withInterrupt((signal) => engine.run(statement, { signal, allowDdl: true }));
      io.out(`created ${t.ddl.database ? `${t.ddl.database}.` : ''}${t.ddl.table} (or it already existed)`);
    }
    return EXIT_OK;
  } finally {
    await engine.close();
  }
}
