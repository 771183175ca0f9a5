/** The public API: the typed LookML vocabulary and the compiler entry points. */
export * from './vocabulary/sql.js';
export * from './vocabulary/lookml-values.js';
export * from './vocabulary/fields.js';
export * from './vocabulary/view.js';
export * from './vocabulary/explore.js';
export * from './vocabulary/dashboard.js';
export * from './vocabulary/project.js';
export * from './vocabulary/block.js';
export { compileBlock, type CompileResult } from './compile.js';
export type { Diagnostic, Severity } from './validate/diagnostics.js';
export type { FileOutput } from './render/file-output.js';
