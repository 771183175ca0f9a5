/**
 * Schema drift: does the table in the user's Glue catalog still match the TypeScript schema the
 * block was generated from? A column added by hand, a struct created from an older AWS DDL (no
 * `onbehalfof`, no `tlsdetails`), or a table without partition projection all make generated
 * LookML fail or scan everything; this reports each difference as a finding instead.
 */
import { GetTableMetadataCommand, type AthenaClient, type Column as GlueColumn, type TableMetadata } from '@aws-sdk/client-athena';
import { athenaTypeString } from '../../schema/athena-type.js';
import type { TableSchema } from '../../schema/column.js';
import type { TableDdl } from '../../vocabulary/project.js';
import { EnvironmentError, redact, toEnvironmentError } from './credentials.js';
import { DEFAULT_THROTTLE_POLICY, realSleep, withThrottleRetry, type Sleep } from './retry.js';

export type DriftKind =
  | 'missing-column'
  | 'extra-column'
  | 'type-mismatch'
  | 'missing-partition-key'
  | 'missing-projection-property'
  | 'projection-type-mismatch';

export interface DriftFinding {
  readonly kind: DriftKind;
  readonly column?: string;
  /** The table property concerned (projection findings). */
  readonly property?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly message: string;
  /** Set on extra-column findings about a partition key (an unexpected key can make queries fail; an extra data column cannot). */
  readonly partitionKey?: boolean;
}

export interface PartitionKeySpec {
  readonly name: string;
  /** Hive type, `string` for CloudTrail's projected `timestamp` (and region/account keys). */
  readonly type: string;
}

export interface ExpectedTable {
  readonly schema: TableSchema;
  readonly partitionKeys?: readonly PartitionKeySpec[];
  /** Whether partition projection must be configured (projection.enabled, projection.<key>.type, storage.location.template). */
  readonly projection?: boolean;
  /**
   * The table properties the block's DDL sets. With them, each projected key's `projection.<key>.type`
   * must have the same value (an `enum` key created as `injected` makes every query without that key
   * fail) and the properties that type cannot work without must exist (date: format and range; enum:
   * values; integer: range). Other values (range start, region list, bucket) are deployment choices
   * and are not compared.
   */
  readonly properties?: Readonly<Record<string, string>>;
}

/**
 * What the live table should look like for a block's CREATE TABLE: its partition keys, and partition
 * projection when the DDL turns it on (every layout except `manual`).
 */
export function expectedTableFromDdl(ddl: TableDdl, schema: TableSchema): ExpectedTable {
  const properties = Object.fromEntries(ddl.tblProperties.map(([k, v]) => [k.toLowerCase(), v] as const));
  return {
    schema,
    partitionKeys: ddl.partitionedBy.map((c) => ({ name: c.name, type: c.type })),
    projection: properties['projection.enabled']?.trim().toLowerCase() === 'true',
    properties,
  };
}

export interface DriftCheckOptions {
  readonly client: AthenaClient;
  readonly catalog?: string;
  readonly database: string;
  readonly table: string;
  readonly expected: ExpectedTable;
  readonly sleep?: Sleep;
  /** Ctrl-C: abandons the metadata call (it reads only, nothing to stop). */
  readonly signal?: AbortSignal;
}

/** Reads the table's metadata from the catalog and compares it with the expected shape. */
export async function checkSchemaDrift(options: DriftCheckOptions): Promise<DriftFinding[]> {
  const metadata = await fetchTableMetadata(options);
  return compareTable(metadata, options.expected);
}

async function fetchTableMetadata(options: DriftCheckOptions): Promise<TableMetadata> {
  const where = `${options.catalog ?? 'AwsDataCatalog'}.${options.database}.${options.table}`;
  try {
    const output = await withThrottleRetry(
      () =>
        options.client.send(
          new GetTableMetadataCommand({ CatalogName: options.catalog ?? 'AwsDataCatalog', DatabaseName: options.database, TableName: options.table }),
          options.signal === undefined ? {} : { abortSignal: options.signal },
        ),
      {
        policy: DEFAULT_THROTTLE_POLICY,
        sleep: options.sleep ?? realSleep,
        random: Math.random,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
    );
    if (output.TableMetadata === undefined) throw new EnvironmentError(`Table ${where} returned no metadata.`);
    return output.TableMetadata;
  } catch (err) {
    if (options.signal?.aborted) throw err;
    const env = toEnvironmentError(err);
    if (env !== err || err instanceof EnvironmentError) throw env;
    const e = err as { name?: string; message?: string };
    // Without this the CLI would call a missing IAM permission an internal error.
    if (e.name === 'AccessDeniedException' || e.name === 'UnrecognizedClientException' || e.name === 'ExpiredTokenException') {
      throw new EnvironmentError(
        `AWS refused to describe table ${where} (${e.name}: ${redact(e.message ?? '')}). The schema drift check needs athena:GetTableMetadata, glue:GetTable and glue:GetDatabase.`,
      );
    }
    if (e.name === 'MetadataException' || e.name === 'ResourceNotFoundException' || /not found|does not exist/i.test(e.message ?? '')) {
      throw new EnvironmentError(`Table ${where} was not found (${redact(e.message ?? String(err))}). Create it with the generated Athena DDL first.`);
    }
    throw err;
  }
}

/** Pure comparison, separated from the API call so it is testable on plain metadata. */
export function compareTable(metadata: TableMetadata, expected: ExpectedTable): DriftFinding[] {
  return [
    ...compareColumns(metadata.Columns ?? [], expected.schema),
    ...comparePartitionKeys(metadata.PartitionKeys ?? [], expected.partitionKeys ?? []),
    ...(expected.projection ? compareProjection(metadata.Parameters ?? {}, expected.partitionKeys ?? [], expected.properties) : []),
  ];
}

function compareColumns(actualColumns: readonly GlueColumn[], schema: TableSchema): DriftFinding[] {
  const actual = byLowerName(actualColumns);
  const findings: DriftFinding[] = [];
  for (const column of schema.columns) {
    const name = column.name.toLowerCase();
    const expectedType = athenaTypeString(column.type);
    const found = actual.get(name);
    if (found === undefined) {
      findings.push({ kind: 'missing-column', column: name, expected: expectedType, message: `Column ${name} (${expectedType}) is missing from the table.` });
    } else if (!sameType(expectedType, found.Type ?? '')) {
      findings.push(typeMismatch(name, expectedType, found.Type ?? '', 'Column'));
    }
    actual.delete(name);
  }
  for (const [name, extra] of actual) {
    findings.push({ kind: 'extra-column', column: name, actual: extra.Type ?? '', message: `Column ${name} (${extra.Type ?? '?'}) is in the table but not in the schema; the block will not expose it.` });
  }
  return findings;
}

function comparePartitionKeys(actualKeys: readonly GlueColumn[], expectedKeys: readonly PartitionKeySpec[]): DriftFinding[] {
  const actual = byLowerName(actualKeys);
  const findings: DriftFinding[] = [];
  for (const key of expectedKeys) {
    const name = key.name.toLowerCase();
    const found = actual.get(name);
    if (found === undefined) {
      findings.push({ kind: 'missing-partition-key', column: name, expected: key.type, message: `Partition key ${name} (${key.type}) is missing: queries cannot prune partitions and scan every object.` });
    } else if (!sameType(key.type, found.Type ?? '')) {
      findings.push(typeMismatch(name, key.type, found.Type ?? '', 'Partition key'));
    }
    actual.delete(name);
  }
  for (const [name, extra] of actual) {
    findings.push({ kind: 'extra-column', column: name, actual: extra.Type ?? '', partitionKey: true, message: `Partition key ${name} (${extra.Type ?? '?'}) is not expected by the schema.` });
  }
  return findings;
}

/** The properties without which Athena silently falls back to (absent) catalog partitions. */
function compareProjection(
  parameters: Readonly<Record<string, string>>,
  keys: readonly PartitionKeySpec[],
  expectedProperties?: Readonly<Record<string, string>>,
): DriftFinding[] {
  const params = new Map(Object.entries(parameters).map(([k, v]) => [k.toLowerCase(), v] as const));
  const findings: DriftFinding[] = [];
  const enabled = params.get('projection.enabled');
  if (enabled?.trim().toLowerCase() !== 'true') {
    findings.push({
      kind: 'missing-projection-property',
      property: 'projection.enabled',
      expected: 'true',
      ...(enabled === undefined ? {} : { actual: enabled }),
      message: enabled === undefined ? 'Table property projection.enabled is missing: partition projection is off.' : `Table property projection.enabled is '${enabled}', not 'true': partition projection is off.`,
    });
  }
  const required = [...keys.map((k) => `projection.${k.name.toLowerCase()}.type`), 'storage.location.template'];
  for (const property of required) {
    if (params.get(property) === undefined) {
      findings.push({ kind: 'missing-projection-property', property, message: `Table property ${property} is missing: Athena cannot compute partition locations.` });
    }
  }
  if (expectedProperties !== undefined) findings.push(...compareProjectionTypes(params, keys, expectedProperties));
  return findings;
}

/** Companion properties each projection type needs to enumerate partitions (Athena UG, partition projection). */
const PROJECTION_TYPE_NEEDS: Readonly<Record<string, readonly string[]>> = {
  date: ['format', 'range'],
  enum: ['values'],
  integer: ['range'],
  injected: [],
};

/** Per key: the projection type the block's DDL sets, and what that type cannot work without. */
function compareProjectionTypes(
  params: ReadonlyMap<string, string>,
  keys: readonly PartitionKeySpec[],
  expectedProperties: Readonly<Record<string, string>>,
): DriftFinding[] {
  const findings: DriftFinding[] = [];
  for (const key of keys) {
    const prefix = `projection.${key.name.toLowerCase()}`;
    const expectedType = expectedProperties[`${prefix}.type`]?.trim().toLowerCase();
    const actualType = params.get(`${prefix}.type`)?.trim().toLowerCase();
    if (expectedType === undefined || actualType === undefined) continue; // a missing .type is reported above
    if (actualType !== expectedType) {
      findings.push({
        kind: 'projection-type-mismatch',
        property: `${prefix}.type`,
        expected: expectedType,
        actual: actualType,
        message: `Table property ${prefix}.type is '${actualType}', the block expects '${expectedType}'.`,
      });
      continue;
    }
    for (const companion of PROJECTION_TYPE_NEEDS[expectedType] ?? []) {
      const property = `${prefix}.${companion}`;
      if (params.get(property) === undefined) {
        findings.push({
          kind: 'missing-projection-property',
          property,
          ...(expectedProperties[property] === undefined ? {} : { expected: expectedProperties[property] }),
          message: `Table property ${property} is missing: Athena cannot enumerate the ${expectedType} partitions of ${key.name.toLowerCase()}.`,
        });
      }
    }
  }
  return findings;
}

function byLowerName(columns: readonly GlueColumn[]): Map<string, GlueColumn> {
  return new Map(columns.map((c) => [(c.Name ?? '').toLowerCase(), c] as const));
}

function typeMismatch(name: string, expected: string, actual: string, what: string): DriftFinding {
  const details = describeTypeDifferences(expected, actual, name);
  const detail = details.length > 0 ? `: ${details.slice(0, 5).join('; ')}${details.length > 5 ? `; and ${details.length - 5} more` : ''}` : '';
  return { kind: 'type-mismatch', column: name, expected, actual, message: `${what} ${name} has type ${actual}, expected ${expected}${detail}.` };
}

// ---- Hive type comparison ----

/** Glue prints types lower-case without spaces, AWS DDL text may not: compare canonical forms. */
export function normalizeHiveType(type: string): string {
  return type.replace(/\s+/g, '').replace(/`/g, '').toLowerCase();
}

/**
 * Same type? Compared structurally when both sides parse, so struct field order does not count
 * (the JSON SerDe maps struct fields by name); otherwise as canonical text.
 */
export function sameType(expected: string, actual: string): boolean {
  const e = parseHiveType(expected);
  const a = parseHiveType(actual);
  if (e === undefined || a === undefined) return normalizeHiveType(expected) === normalizeHiveType(actual);
  return diffTypes(e, a, '').length === 0;
}

type HiveType =
  | { readonly kind: 'primitive'; readonly name: string }
  | { readonly kind: 'array'; readonly of: HiveType }
  | { readonly kind: 'map'; readonly key: HiveType; readonly value: HiveType }
  | { readonly kind: 'struct'; readonly fields: ReadonlyMap<string, HiveType> };

/** Parses a normalised Hive type (`struct<a:string,b:array<int>>`); undefined when it cannot. */
export function parseHiveType(text: string): HiveType | undefined {
  const parser = { s: normalizeHiveType(text), i: 0 };
  try {
    const type = readType(parser);
    return parser.i === parser.s.length ? type : undefined;
  } catch {
    return undefined;
  }
}

interface Cursor {
  readonly s: string;
  i: number;
}

function readType(p: Cursor): HiveType {
  const name = readName(p);
  if (name === 'array') return { kind: 'array', of: readBracketed(p, () => readType(p)) };
  if (name === 'map') {
    return readBracketed(p, () => {
      const key = readType(p);
      expect(p, ',');
      return { kind: 'map', key, value: readType(p) };
    });
  }
  if (name === 'struct') return { kind: 'struct', fields: readBracketed(p, () => readFields(p)) };
  // decimal(10,2), varchar(65535), char(1): the parameters are part of the primitive name.
  if (p.s[p.i] === '(') {
    const close = p.s.indexOf(')', p.i);
    if (close < 0) throw new Error('unclosed (');
    const params = p.s.slice(p.i, close + 1);
    p.i = close + 1;
    return { kind: 'primitive', name: name + params };
  }
  return { kind: 'primitive', name };
}

function readFields(p: Cursor): ReadonlyMap<string, HiveType> {
  const fields = new Map<string, HiveType>();
  if (p.s[p.i] === '>') return fields;
  for (;;) {
    const name = readName(p);
    expect(p, ':');
    fields.set(name, readType(p));
    if (p.s[p.i] !== ',') return fields;
    p.i++;
  }
}

function readBracketed<T>(p: Cursor, inner: () => T): T {
  expect(p, '<');
  const value = inner();
  expect(p, '>');
  return value;
}

function readName(p: Cursor): string {
  const match = /^[a-z0-9_$]+/.exec(p.s.slice(p.i));
  if (!match) throw new Error(`name expected at ${p.i}`);
  p.i += match[0].length;
  return match[0];
}

function expect(p: Cursor, char: string): void {
  if (p.s[p.i] !== char) throw new Error(`${char} expected at ${p.i}`);
  p.i++;
}

/**
 * Nested differences between two types, as paths: "useridentity.onbehalfof is missing",
 * "resources[].arn: expected string, actual int". Empty when either side does not parse.
 */
export function describeTypeDifferences(expected: string, actual: string, path: string): string[] {
  const e = parseHiveType(expected);
  const a = parseHiveType(actual);
  return e === undefined || a === undefined ? [] : diffTypes(e, a, path);
}

function diffTypes(e: HiveType, a: HiveType, path: string): string[] {
  if (e.kind === 'struct' && a.kind === 'struct') return diffStructs(e.fields, a.fields, path);
  if (e.kind === 'array' && a.kind === 'array') return diffTypes(e.of, a.of, `${path}[]`);
  if (e.kind === 'map' && a.kind === 'map') return [...diffTypes(e.key, a.key, `${path}{key}`), ...diffTypes(e.value, a.value, `${path}{value}`)];
  if (e.kind === 'primitive' && a.kind === 'primitive' && e.name === a.name) return [];
  return [`${path}: expected ${render(e)}, actual ${render(a)}`];
}

function diffStructs(e: ReadonlyMap<string, HiveType>, a: ReadonlyMap<string, HiveType>, path: string): string[] {
  const out: string[] = [];
  for (const [name, type] of e) {
    const other = a.get(name);
    out.push(...(other === undefined ? [`${path}.${name} is missing`] : diffTypes(type, other, `${path}.${name}`)));
  }
  for (const name of a.keys()) if (!e.has(name)) out.push(`${path}.${name} is not in the schema`);
  return out;
}

function render(t: HiveType): string {
  switch (t.kind) {
    case 'primitive':
      return t.name;
    case 'array':
      return `array<${render(t.of)}>`;
    case 'map':
      return `map<${render(t.key)},${render(t.value)}>`;
    case 'struct':
      return `struct<${[...t.fields].map(([n, f]) => `${n}:${render(f)}`).join(',')}>`;
  }
}
