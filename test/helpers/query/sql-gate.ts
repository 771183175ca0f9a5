/**
 * The Trino grammar gate for every SQL text a query test produces: the same two checks `validate`
 * runs before a query is sent (the Trino grammar with the DuckDB-ism lint, and the Athena function
 * allowlist). A compiler that printed DuckDB SQL, or called a function Athena lacks, fails here.
 */
import { expect } from 'vitest';
import { checkTrinoSql, unknownFunctions } from '../../../generator/validate/sql/index.js';
import { QueryCompiler, type CompiledQuery, type QueryRequest } from '../../../generator/query/index.js';
import type { ProjectIR } from '../../../generator/ir/project-ir.js';

/** Why a whole query is not Athena (Trino) SQL; empty when it is. */
export function trinoProblems(sql: string): string[] {
  return [
    ...checkTrinoSql(sql).map((i) => `line ${i.line}:${i.column} ${i.rule}: ${i.message}`),
    ...unknownFunctions(sql).map((f) => `line ${f.line}:${f.column}: unknown function ${f.name}()${f.suggestion ? ` (did you mean ${f.suggestion}?)` : ''}`),
  ];
}

export function expectTrinoValid(sql: string): void {
  expect(trinoProblems(sql), `not valid Athena (Trino) SQL:\n${sql}`).toEqual([]);
}

/**
 * A QueryCompiler whose every successful compile is checked by the grammar gate. `count` says how
 * many texts it checked (a test file can assert it checked at least as many as it compiled).
 */
export class GatedCompiler {
  readonly inner: QueryCompiler;
  count = 0;

  constructor(project: ProjectIR) {
    this.inner = new QueryCompiler(project);
  }

  compile(request: QueryRequest): CompiledQuery {
    const compiled = this.inner.compile(request);
    expectTrinoValid(compiled.sql);
    this.count++;
    return compiled;
  }

  /** Shorthand: the SQL text only. */
  sql(request: QueryRequest): string {
    return this.compile(request).sql;
  }
}
