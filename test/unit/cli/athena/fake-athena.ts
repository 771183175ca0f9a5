/**
 * A scripted Athena on top of aws-sdk-client-mock: remembers the SQL of every query id it hands
 * out, answers GetQueryExecution from per-SQL rules (succeed, fail with an AthenaError, stay
 * RUNNING), honours StopQueryExecution, can throttle StartQueryExecution, and serves the table's
 * metadata. Tests read back what was sent.
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetTableMetadataCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  TooManyRequestsException,
  type AthenaError,
  type Column as GlueColumn,
  type QueryExecution,
  type TableMetadata,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { athenaTypeString } from '../../../../generator/schema/athena-type.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import type { Block } from '../../../../generator/vocabulary/block.js';
import { sourceTableFile } from '../../../../generator/cli/engine-factory.js';

/** Recognisable fake credentials: tests assert none of them ever reaches an output. */
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIAFAKEVALIDATE7777',
  // 40 characters, mixed case: shaped like a real secret access key.
  secretAccessKey: 'fAkEsEcReT/ValidateTest+0123456789abcdXY',
  sessionToken: `FakeSessionToken${'QWxhZGRpbjpvcGVuIHNlc2FtZQ'.repeat(8)}END`,
} as const;

export type Outcome =
  | { readonly state: 'SUCCEEDED' }
  | { readonly state: 'FAILED'; readonly reason: string; readonly error: AthenaError }
  /** Never finishes by itself: only StopQueryExecution ends it. */
  | { readonly state: 'RUNNING' };

/** Mocks every AthenaClient (the class, so the engine's own and a seam's client alike). */
export const athenaMock = mockClient(AthenaClient);

type Rule = { readonly when: (sql: string) => boolean; readonly outcome: Outcome };

export class FakeAthena {
  private next = 0;
  private readonly sqlById = new Map<string, string>();
  readonly stopped = new Set<string>();
  private readonly rules: Rule[] = [];
  private throttles = 0;
  /** Queries started and not yet seen terminal or stopped. */
  private inFlight = new Set<string>();
  peakInFlight = 0;
  throttled = 0;

  readonly mock = athenaMock;

  constructor(private metadata: TableMetadata) {
    const mock = this.mock;
    mock.reset();
    mock.on(StartQueryExecutionCommand).callsFake((input) => this.start(input.QueryString ?? ''));
    mock.on(GetQueryExecutionCommand).callsFake((input) => ({ QueryExecution: this.describe(input.QueryExecutionId ?? '') }));
    mock.on(StopQueryExecutionCommand).callsFake((input) => {
      this.stopped.add(input.QueryExecutionId ?? '');
      this.inFlight.delete(input.QueryExecutionId ?? '');
      return {};
    });
    mock.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    mock.on(GetTableMetadataCommand).callsFake(() => ({ TableMetadata: this.metadata }));
  }

  /** Queries whose SQL matches get `outcome` (first matching rule wins; the default is SUCCEEDED). */
  when(when: (sql: string) => boolean, outcome: Outcome): this {
    this.rules.push({ when, outcome });
    return this;
  }

  /** The next `n` StartQueryExecution calls are refused with the account's concurrency quota. */
  throttleStarts(n: number): this {
    this.throttles = n;
    return this;
  }

  setMetadata(metadata: TableMetadata): this {
    this.metadata = metadata;
    return this;
  }

  /** Every QueryString sent, in order. */
  get statements(): string[] {
    return this.mock.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input.QueryString ?? '');
  }

  get started(): number {
    return this.sqlById.size;
  }

  sqlOf(id: string): string | undefined {
    return this.sqlById.get(id);
  }

  /** Names of every API operation called, for "only these calls were made". */
  get operations(): Set<string> {
    return new Set(this.mock.calls().map((c) => (c.args[0] as object).constructor.name.replace(/Command$/, '')));
  }

  private start(sql: string): { QueryExecutionId: string } {
    if (this.throttles > 0) {
      this.throttles--;
      this.throttled++;
      throw new TooManyRequestsException({
        message: 'You have exceeded the limit for the number of queries you can run concurrently.',
        Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED',
        $metadata: { httpStatusCode: 400 },
      });
    }
    const id = `q-${String(++this.next).padStart(4, '0')}`;
    this.sqlById.set(id, sql);
    this.inFlight.add(id);
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight.size);
    return { QueryExecutionId: id };
  }

  private describe(id: string): QueryExecution {
    const sql = this.sqlById.get(id) ?? '';
    const base = { QueryExecutionId: id, Query: sql, StatementType: sql.startsWith('CREATE') ? 'DDL' : 'UTILITY' } as const;
    if (this.stopped.has(id)) {
      return { ...base, Status: { State: 'CANCELLED', StateChangeReason: 'Query cancelled by user' }, Statistics: { DataScannedInBytes: 0 } };
    }
    const outcome = this.rules.find((r) => r.when(sql))?.outcome ?? { state: 'SUCCEEDED' };
    if (outcome.state !== 'RUNNING') this.inFlight.delete(id);
    const status =
      outcome.state === 'FAILED'
        ? { State: 'FAILED' as const, StateChangeReason: outcome.reason, AthenaError: outcome.error }
        : { State: outcome.state };
    return { ...base, Status: status, Statistics: { DataScannedInBytes: 0, EngineExecutionTimeInMillis: 120, QueryQueueTimeInMillis: 5 } };
  }
}

/** A client with fixed fake credentials: the preflight passes without any environment. */
export function fakeClient(region: string): AthenaClient {
  return new AthenaClient({ region, credentials: FAKE_CREDENTIALS });
}

/** The block's table exactly as Glue describes a table created from the generated DDL (lower-case types, no spaces). */
export function matchingMetadata(block: Block): TableMetadata {
  const { ddl } = sourceTableFile(block);
  const columns: GlueColumn[] = cloudtrailTable.columns.map((c) => ({ Name: c.name.toLowerCase(), Type: athenaTypeString(c.type).toLowerCase().replace(/\s+/g, '') }));
  return {
    Name: ddl.table,
    TableType: 'EXTERNAL_TABLE',
    Columns: columns,
    PartitionKeys: ddl.partitionedBy.map((k) => ({ Name: k.name, Type: k.type })),
    Parameters: Object.fromEntries(ddl.tblProperties.map(([k, v]) => [k, v])),
  };
}

/** A fake clock: sleeps only advance time, so timeouts and backoff cost no real waiting. */
export function fakeClock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      // Let other queries' promises run between polls, as real time would.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
