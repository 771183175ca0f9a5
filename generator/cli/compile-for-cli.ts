/** Shared by commands: load the block, compile it, print findings. */
import { compileBlock, type CompileResult } from '../compile.js';
import { formatDiagnostic, hasErrors } from '../validate/diagnostics.js';
import type { CliIo } from './io.js';
import { loadBlock, type LoadedBlock } from './load-config.js';
import { UsageError } from './errors.js';
import { RenderError } from '../render/escape.js';

export interface CompiledForCli extends CompileResult {
  readonly loaded: LoadedBlock;
}

export async function compileForCli(io: CliIo, configFlag: string | undefined): Promise<CompiledForCli> {
  const loaded = await loadBlock(io.cwd, configFlag);
  let result: CompileResult;
  try {
    result = await compileBlock(loaded.block);
  } catch (error) {
    // A value the renderer cannot write (checked again here for blocks that bypass validation).
    if (error instanceof RenderError) throw new UsageError(error.message);
    throw error;
  }
  return { ...result, loaded };
}

/** Prints findings; returns true when any is an error. */
export function reportDiagnostics(io: CliIo, result: CompileResult): boolean {
  for (const d of result.diagnostics) io.err(formatDiagnostic(d));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (result.diagnostics.length > 0) io.err(`${errors} error(s), ${warnings} warning(s)`);
  return hasErrors(result.diagnostics);
}
