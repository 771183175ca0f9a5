/** One line about why a whole query is not valid Athena (Trino) SQL, or undefined when it is. */
import { checkTrinoSql } from './trino-grammar.js';
import { unknownFunctions } from './functions.js';

export function grammarIssue(sql: string): string | undefined {
  const syntax = checkTrinoSql(sql)[0];
  if (syntax) return `line ${syntax.line}:${syntax.column}: ${syntax.message}`;
  const fn = unknownFunctions(sql)[0];
  if (fn) return `line ${fn.line}:${fn.column}: function ${fn.name}() is not an Athena (Trino) function${fn.suggestion ? ` (did you mean ${fn.suggestion}?)` : ''}`;
  return undefined;
}
