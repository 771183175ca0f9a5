/**
 * The only escaping in the project. Contract:
 * - LookML quoted strings: `\` → `\\`, `"` → `\"`; newlines, tabs and any Unicode are written as
 *   they are (LookML strings may span lines; `\n` would be read back as the letter n).
 * - `;;` blocks (sql, html): LookML has no escape inside them, so a value containing `;;`, or
 *   ending in `;` (which would merge with the terminator), is refused.
 * - Identifiers (names of views, fields, explores) must match LookML's name syntax.
 */

export class RenderError extends Error {
  constructor(message: string, readonly where: string) {
    super(`${where}: ${message}`);
    this.name = 'RenderError';
  }
}

export function quoteLookml(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Why a `;;` block value cannot be written, or undefined when it can. */
export function sqlBlockProblem(value: string): string | undefined {
  if (value.includes(';;')) return 'contains ";;", which ends a LookML SQL block early (LookML has no escape for it)';
  if (/;\s*$/.test(value)) return 'ends with ";" (a SQL fragment must not carry a statement terminator; remove it)';
  return undefined;
}

export function sqlBlock(value: string, where: string): string {
  const problem = sqlBlockProblem(value);
  if (problem) throw new RenderError(problem, where);
  return value;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Why a name is not a valid LookML identifier, or undefined. */
export function identifierProblem(name: string): string | undefined {
  if (IDENTIFIER.test(name)) return undefined;
  return `"${name}" is not a valid LookML name (lower-case letters, digits and underscores, not starting with a digit)`;
}

export function identifier(name: string, where: string): string {
  const problem = identifierProblem(name);
  if (problem) throw new RenderError(problem, where);
  return name;
}

/** The name of a LookML block (`view: x {`, `constant: NAME {`): letters, digits, underscores. */
export function blockName(name: string, where: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new RenderError(`"${name}" cannot be the name of a LookML block`, where);
  return name;
}

/** A bare LookML value such as a type or yes/no: only name characters, never quoted. */
export function bare(value: string, where: string): string {
  if (!/^[A-Za-z0-9_.+*-]+$/.test(value)) throw new RenderError(`"${value}" cannot be written as a bare LookML value`, where);
  return value;
}

/** One-line text for comments (a newline would end the comment). */
export function commentText(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/**
 * A single-quoted literal inside Athena DDL (locations, table properties). Hive DDL reads
 * backslash escapes in these, so quotes and backslashes are refused rather than guessed at.
 */
export function ddlLiteral(value: string, where: string): string {
  if (/['\\\n\r]/.test(value)) throw new RenderError(`"${value}" cannot stand in an Athena DDL literal (no quotes, backslashes or newlines)`, where);
  return `'${value}'`;
}

/** A single-quoted Trino string literal: quotes are doubled. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
