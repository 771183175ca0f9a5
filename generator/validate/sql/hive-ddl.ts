/**
 * Checks the Hive-syntax DDL that Athena runs for table definitions.
 *
 * Athena sends CREATE EXTERNAL TABLE / ALTER TABLE ADD PARTITION / MSCK REPAIR to its Hive DDL
 * engine, not to Trino, and dt-sql-parser's TrinoSQL grammar rejects that syntax outright
 * (`'EXTERNAL' is not valid at this position`). So DDL gets two layers of its own:
 * 1. a small structural checker for CREATE [EXTERNAL] TABLE with Athena's rules: known column
 *    types, balanced `<…>` in array/map/struct, `name:type` struct fields, backtick (not double
 *    quote) identifiers, reserved words quoted, quoted SERDE/INPUTFORMAT/LOCATION strings,
 *    `'key'='value'` property lists, an `s3://` LOCATION;
 * 2. when that passes, dt-sql-parser's HiveSQL grammar for everything the structure check does
 *    not model (clause order, ROW FORMAT DELIMITED details, ALTER TABLE forms).
 */
import { HiveSQL, type ParseError } from 'dt-sql-parser';
import { dropRecoveryEchoes } from './trino-grammar.js';
import { sortAndDedupe, type SqlSyntaxIssue } from './issue.js';
import { keywordOf, scanSql, type Token } from './tokenize.js';

let hiveParser: HiveSQL | undefined;

function parser(): HiveSQL {
  hiveParser ??= new HiveSQL();
  return hiveParser;
}

/** Column types Athena DDL accepts (besides the array/map/struct constructors). */
export const HIVE_PRIMITIVE_TYPES: ReadonlySet<string> = new Set([
  'boolean', 'tinyint', 'smallint', 'int', 'integer', 'bigint', 'float', 'double', 'decimal', 'char',
  'varchar', 'string', 'binary', 'date', 'timestamp',
]);

/** Types that take a length/precision: decimal(10,2), char(3), varchar(64). */
const PARAMETERISED_TYPES = new Set(['decimal', 'char', 'varchar']);

/** Athena's reserved words for DDL: a column named like this must be backtick-quoted. */
export const HIVE_DDL_RESERVED: ReadonlySet<string> = new Set(
  `all alter and array as authorization between bigint binary boolean both by case cashe cast char column
  conf constraint commit create cross cube current current_date current_timestamp cursor database date
  dayofweek decimal delete describe distinct div double drop else end exchange exists extended external
  extract false fetch float floor following for foreign from full function grant group grouping having if
  import in inner insert int integer intersect interval into is join lateral left less like local macro map
  more none not null numeric of on only or order out outer over partialscan partition percent preceding
  precision preserve primary procedure range reads reduce references regexp revoke right rlike rollback
  rollup row rows select set smallint start table tablesample then time timestamp to transform trigger true
  truncate unbounded union uniquejoin update user using utc_timestamp values varchar views when where window
  with`.split(/\s+/),
);

/** True for statements Athena routes to Hive DDL rather than Trino (CTAS stays with Trino). */
export function isHiveDdl(sql: string): boolean {
  const words = scanSql(sql).tokens.slice(0, 8).map((t) => keywordOf(t) ?? t.text);
  const [first, second, third] = words;
  if (first === 'msck') return true;
  if (first === 'alter' && second === 'table') return words.includes('partition') || words.includes('tblproperties');
  if (first !== 'create') return false;
  if (second === 'external') return true;
  if (second !== 'table' || third === undefined) return false;
  return !isCtas(sql);
}

/** CREATE TABLE … AS SELECT / WITH (…) AS: an `AS` at paren depth 0 makes it Trino CTAS. */
function isCtas(sql: string): boolean {
  let depth = 0;
  for (const t of scanSql(sql).tokens) {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && keywordOf(t) === 'as') return true;
  }
  return false;
}

class DdlError extends Error {
  constructor(
    readonly token: Token | undefined,
    message: string,
  ) {
    super(message);
  }
}

const describe = (t: Token | undefined): string => (t === undefined ? 'end of statement' : `'${t.text}'`);

/** Recursive-descent reader over the statement's tokens; throws DdlError at the first problem. */
class CreateTableReader {
  private i = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(ahead = 0): Token | undefined {
    return this.tokens[this.i + ahead];
  }

  private next(): Token | undefined {
    return this.tokens[this.i++];
  }

  private fail(message: string, token = this.peek()): never {
    throw new DdlError(token, message);
  }

  private isWord(word: string, ahead = 0): boolean {
    return keywordOf(this.peek(ahead)) === word;
  }

  private expectWord(word: string): void {
    if (!this.isWord(word)) this.fail(`expected ${word.toUpperCase()}, found ${describe(this.peek())}`);
    this.i++;
  }

  private expectPunct(text: string, why: string): Token {
    const t = this.peek();
    if (t?.text !== text) this.fail(`expected '${text}' ${why}, found ${describe(t)}`);
    this.i++;
    return t;
  }

  private expectString(what: string): Token {
    const t = this.peek();
    if (t?.kind !== 'string') this.fail(`${what} must be a single-quoted string, found ${describe(t)}`);
    this.i++;
    return t;
  }

  read(): void {
    this.expectWord('create');
    if (this.isWord('external')) this.i++;
    this.expectWord('table');
    if (this.isWord('if')) {
      this.expectWord('if');
      this.expectWord('not');
      this.expectWord('exists');
    }
    this.readTableName();
    this.readColumnList('table column');
    this.readClauses();
    if (this.peek()?.text === ';') this.i++;
    if (this.peek() !== undefined) this.fail(`unexpected ${describe(this.peek())} after the table definition`);
  }

  private readTableName(): void {
    this.readIdentifier('table name', false);
    while (this.peek()?.text === '.') {
      this.i++;
      this.readIdentifier('table name', false);
    }
  }

  /** A column or table name: bare word (not reserved, if `checkReserved`) or `backticked`. */
  private readIdentifier(what: string, checkReserved: boolean): void {
    const t = this.peek();
    if (t?.kind === 'backtick') {
      this.i++;
      return;
    }
    if (t?.kind === 'quoted') this.fail(`${what} ${t.text}: Athena DDL quotes identifiers with backticks, not double quotes`);
    if (t?.kind !== 'ident') this.fail(`expected a ${what}, found ${describe(t)}`);
    if (checkReserved && HIVE_DDL_RESERVED.has(t.text.toLowerCase())) {
      this.fail(`${what} '${t.text}' is a reserved word in Athena DDL; quote it with backticks: \`${t.text}\``);
    }
    this.i++;
  }

  private readColumnList(what: string): void {
    this.expectPunct('(', `to open the ${what} list`);
    for (;;) {
      this.readIdentifier(what, true);
      this.readType();
      if (this.isWord('comment')) {
        this.i++;
        this.expectString('COMMENT');
      }
      const sep = this.peek();
      if (sep?.text === ',') {
        this.i++;
        if (this.peek()?.text === ')') this.fail(`trailing comma in the ${what} list`, sep);
        continue;
      }
      if (sep?.text === ')') {
        this.i++;
        return;
      }
      this.fail(`expected ',' or ')' after a ${what} definition, found ${describe(sep)}`);
    }
  }

  /** type := primitive [(n[,m])] | array<type> | map<type,type> | struct<name:type, …> */
  private readType(): void {
    const t = this.peek();
    const name = keywordOf(t);
    if (name === 'array' || name === 'map' || name === 'struct') {
      this.i++;
      const open = this.peek();
      if (open?.text === '<>') this.fail(`${name}<> needs element types`, open);
      this.expectPunct('<', `after ${name.toUpperCase()}`);
      if (name === 'array') this.readType();
      else if (name === 'map') {
        this.readType();
        this.expectPunct(',', 'between the MAP key and value types');
        this.readType();
      } else this.readStructFields();
      this.expectClose(name, open);
      return;
    }
    if (name === undefined) this.fail(`expected a column type, found ${describe(t)}`);
    if (!HIVE_PRIMITIVE_TYPES.has(name)) this.fail(`unknown column type '${t?.text}' (Athena DDL types: ${[...HIVE_PRIMITIVE_TYPES].join(', ')}, array<>, map<>, struct<>)`);
    this.i++;
    if (PARAMETERISED_TYPES.has(name) && this.peek()?.text === '(') this.readTypeParameters();
  }

  private readTypeParameters(): void {
    this.i++;
    for (;;) {
      const t = this.next();
      if (t?.kind !== 'number') this.fail(`expected a number in the type parameters, found ${describe(t)}`, t);
      const sep = this.next();
      if (sep?.text === ')') return;
      if (sep?.text !== ',') this.fail(`expected ',' or ')' in the type parameters, found ${describe(sep)}`, sep);
    }
  }

  private expectClose(name: string, open: Token | undefined): void {
    const t = this.peek();
    if (t?.text === '>') {
      this.i++;
      return;
    }
    const where = open === undefined ? '' : ` opened at line ${open.line}, column ${open.column}`;
    this.fail(`expected '>' to close ${name.toUpperCase()}<${where}, found ${describe(t)}`);
  }

  private readStructFields(): void {
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'ident' || t?.kind === 'backtick') this.i++;
      else this.fail(`expected a struct field name, found ${describe(t)}`);
      this.expectPunct(':', 'between a struct field name and its type');
      this.readType();
      if (this.isWord('comment')) {
        this.i++;
        this.expectString('COMMENT');
      }
      if (this.peek()?.text !== ',') return;
      this.i++;
    }
  }

  private readProperties(what: string): void {
    this.expectPunct('(', `to open ${what}`);
    for (;;) {
      this.expectString(`a ${what} key`);
      this.expectPunct('=', `between a ${what} key and value`);
      this.expectString(`a ${what} value`);
      const sep = this.next();
      if (sep?.text === ')') return;
      if (sep?.text !== ',') this.fail(`expected ',' or ')' in ${what}, found ${describe(sep)}`, sep);
    }
  }

  /** The clauses after the column list; each at most once, in any order Hive tolerates. */
  private readClauses(): void {
    const seen = new Set<string>();
    for (;;) {
      const t = this.peek();
      const word = keywordOf(t);
      if (word === undefined) return;
      if (seen.has(word)) this.fail(`duplicate ${word.toUpperCase()} clause`);
      seen.add(word);
      switch (word) {
        case 'comment':
          this.i++;
          this.expectString('COMMENT');
          break;
        case 'partitioned':
          this.i++;
          this.expectWord('by');
          this.readColumnList('partition column');
          break;
        case 'clustered':
          this.readClustered();
          break;
        case 'row':
          this.readRowFormat();
          break;
        case 'stored':
          this.readStored();
          break;
        case 'location':
          this.readLocation();
          break;
        case 'tblproperties':
          this.i++;
          this.readProperties('TBLPROPERTIES');
          break;
        default:
          this.fail(`unexpected ${describe(t)}; expected PARTITIONED BY, ROW FORMAT, STORED AS, LOCATION or TBLPROPERTIES`);
      }
    }
  }

  private readClustered(): void {
    this.i++;
    this.expectWord('by');
    this.expectPunct('(', 'to open CLUSTERED BY');
    do this.readIdentifier('bucketing column', false);
    while (this.peek()?.text === ',' && ++this.i);
    this.expectPunct(')', 'to close CLUSTERED BY');
    this.expectWord('into');
    if (this.next()?.kind !== 'number') this.fail('expected a bucket count after INTO', this.tokens[this.i - 1]);
    this.expectWord('buckets');
  }

  private readRowFormat(): void {
    this.i++;
    this.expectWord('format');
    if (this.isWord('serde')) {
      this.i++;
      this.expectString('ROW FORMAT SERDE');
      if (this.isWord('with')) {
        this.i++;
        this.expectWord('serdeproperties');
        this.readProperties('SERDEPROPERTIES');
      }
      return;
    }
    this.expectWord('delimited');
    // FIELDS/COLLECTION ITEMS/MAP KEYS/LINES TERMINATED BY 'c', ESCAPED BY 'c', NULL DEFINED AS 'c'.
    while (['fields', 'collection', 'map', 'lines', 'escaped', 'null', 'items', 'keys', 'terminated', 'defined'].includes(keywordOf(this.peek()) ?? '')) {
      this.i++;
      if (this.isWord('by') || this.isWord('as')) {
        this.i++;
        this.expectString('a delimiter');
      }
    }
  }

  private readStored(): void {
    this.i++;
    this.expectWord('as');
    if (this.isWord('inputformat')) {
      this.i++;
      this.expectString('INPUTFORMAT');
      this.expectWord('outputformat');
      this.expectString('OUTPUTFORMAT');
      return;
    }
    const t = this.next();
    if (t?.kind !== 'ident') this.fail(`expected a storage format after STORED AS, found ${describe(t)}`, t);
  }

  private readLocation(): void {
    this.i++;
    const t = this.expectString('LOCATION');
    if (!/^'s3:\/\//i.test(t.text)) this.fail(`LOCATION must be an s3:// URI, found ${t.text}`, t);
  }
}

/** Structural check of CREATE [EXTERNAL] TABLE; [] when the shape is right or the statement is another DDL form. */
export function checkCreateTableStructure(sql: string): SqlSyntaxIssue[] {
  const scan = scanSql(sql);
  const words = scan.tokens.slice(0, 3).map((t) => keywordOf(t));
  if (words[0] !== 'create') return [];
  try {
    new CreateTableReader(scan.tokens).read();
    return [];
  } catch (error) {
    if (!(error instanceof DdlError)) throw error;
    const t = error.token;
    const end = endPosition(sql);
    return [{ line: t?.line ?? end.line, column: t?.column ?? end.column, message: error.message, rule: 'hive-ddl' }];
  }
}

/** 1-based position just past the last non-blank character (where "unexpected end" points). */
function endPosition(sql: string): { line: number; column: number } {
  const trimmed = sql.trimEnd();
  const lines = trimmed.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Hive grammar errors (dt-sql-parser HiveSQL), 1-based. */
export function hiveGrammarIssues(sql: string): SqlSyntaxIssue[] {
  const errors: ParseError[] = [];
  parser().parse(sql, (error) => errors.push(error));
  return dropRecoveryEchoes(errors).map((e) => ({ line: e.startLine, column: e.startColumn, message: e.message, rule: 'hive-ddl' as const }));
}

/**
 * Checks one Athena Hive-DDL statement. The structural check runs first because its messages are
 * specific; the Hive grammar only runs on statements that pass it (after a structural error the
 * grammar's follow-on complaints are noise).
 */
export function checkHiveDdl(sql: string): SqlSyntaxIssue[] {
  const structural = checkCreateTableStructure(sql);
  if (structural.length > 0) return structural;
  return sortAndDedupe(hiveGrammarIssues(sql));
}
