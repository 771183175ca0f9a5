/** Files under athena/: table DDL and SQL scripts. */
import type { AthenaFile, TableDdl } from '../vocabulary/project.js';
import { sqlBlockProblem, RenderError } from './escape.js';
import { header } from './header.js';
import { renderTemplate } from './templates.js';
import type { FileOutput } from './file-output.js';

export function qualifiedTableName(ddl: Pick<TableDdl, 'database' | 'table'>): string {
  return ddl.database ? `${ddl.database}.${ddl.table}` : ddl.table;
}

/** The CREATE EXTERNAL TABLE text alone (what `ddl` prints and `ddl --apply` sends). */
export function createTableSql(file: Extract<AthenaFile, { kind: 'create-table' }>): string {
  const { ddl } = file;
  return renderTemplate('athena/create-table.sql', {
    header: header('--'),
    where: `athena/${file.name}.sql`,
    description: file.description,
    qualifiedName: qualifiedTableName(ddl),
    columns: ddl.columns,
    partitionedBy: ddl.partitionedBy,
    rowFormatSerde: ddl.rowFormatSerde ?? '',
    storedAs: ddl.storedAs ?? '',
    inputFormat: ddl.inputFormat ?? '',
    outputFormat: ddl.outputFormat ?? '',
    location: ddl.location,
    tblProperties: ddl.tblProperties,
  });
}

function scriptSql(file: Extract<AthenaFile, { kind: 'script' }>): string {
  for (const [i, s] of file.statements.entries()) {
    // Statements are joined with ";" so none may carry its own terminator.
    const problem = sqlBlockProblem(s);
    if (problem) throw new RenderError(problem, `athena/${file.name}.sql statement ${i + 1}`);
  }
  return renderTemplate('athena/script.sql', { header: header('--'), description: file.description, statements: file.statements });
}

export function renderAthenaFile(file: AthenaFile): FileOutput {
  const content = file.kind === 'create-table' ? createTableSql(file) : scriptSql(file);
  return { path: `athena/${file.name}.sql`, content };
}
