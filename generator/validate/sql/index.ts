/**
 * Offline Athena (Trino + Hive DDL) SQL checks for the generator's output.
 *
 * Importing this module loads dt-sql-parser (~0.7 s, once per process). Code that only needs the
 * function allowlist can import './functions.js' directly and skip that cost.
 */
export type { SqlIssueRule, SqlSyntaxIssue } from './issue.js';
export { checkTrinoSql, trinoGrammarIssues } from './trino-grammar.js';
export { checkFragment, WRAPPERS, type FragmentKind, type SqlFragment } from './fragment-context.js';
export {
  ATHENA_FUNCTIONS,
  CALL_LIKE_SYNTAX,
  UNVERIFIED_FUNCTIONS,
  functionCalls,
  suggestFunction,
  unknownFunctions,
  type FunctionCall,
  type UnknownFunction,
} from './functions.js';
export { checkHiveDdl, checkCreateTableStructure, isHiveDdl, HIVE_DDL_RESERVED, HIVE_PRIMITIVE_TYPES } from './hive-ddl.js';
export { renderNeutral, findTemplateItems, MappedText, type RenderedFragment } from './lookml-template.js';
export { scanSql, LineIndex, type Token, type TokenKind } from './tokenize.js';
