/**
 * The pipeline: block → IR → semantic checks → render. Nothing is rendered when a check fails,
 * so nothing can be written.
 */
import type { Block } from './vocabulary/block.js';
import { buildIr } from './ir/build-ir.js';
import type { ProjectIR } from './ir/project-ir.js';
import { hasErrors, type Diagnostic } from './validate/diagnostics.js';
import { validateProject, type ProjectRule, CORE_RULES } from './validate/validate-project.js';
import { renderProject } from './render/render-project.js';
import type { FileOutput } from './render/file-output.js';

export interface CompileResult {
  readonly ir: ProjectIR;
  readonly diagnostics: readonly Diagnostic[];
  /** Undefined when a check failed. */
  readonly files?: readonly FileOutput[];
}

export async function compileBlock(block: Block, rules: readonly ProjectRule[] = CORE_RULES): Promise<CompileResult> {
  const ir = buildIr(block);
  const diagnostics = validateProject(ir, rules);
  if (hasErrors(diagnostics)) return { ir, diagnostics };
  return { ir, diagnostics, files: await renderProject(ir) };
}
