/**
 * Finds and loads the block to compile: `--config FILE`, else `cloudtrail-lookml.config.ts` in
 * the working directory, else the built-in CloudTrail block. The config exports the block as
 * default (or a function returning it).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isBlock, type Block } from '../vocabulary/block.js';
import { UsageError } from './errors.js';

export const DEFAULT_CONFIG = 'cloudtrail-lookml.config.ts';

export interface LoadedBlock {
  readonly block: Block;
  /** The config file used, or undefined for the built-in block. */
  readonly configPath?: string;
}

export async function loadBlock(cwd: string, configFlag: string | undefined): Promise<LoadedBlock> {
  const path = configFlag !== undefined ? resolve(cwd, configFlag) : resolve(cwd, DEFAULT_CONFIG);
  if (!existsSync(path)) {
    if (configFlag !== undefined) throw new UsageError(`config file not found: ${path}`);
    const { cloudtrailBlock } = await import('../../model/index.js');
    return { block: cloudtrailBlock() };
  }
  return { block: await importBlock(path), configPath: path };
}

async function importBlock(path: string): Promise<Block> {
  let mod: { default?: unknown; block?: unknown };
  try {
    mod = (await import(pathToFileURL(path).href)) as typeof mod;
  } catch (error) {
    throw new UsageError(`cannot load config ${path}: ${firstLine(error)}`);
  }
  let exported = mod.default ?? mod.block;
  if (typeof exported === 'function') {
    try {
      exported = await (exported as () => unknown)();
    } catch (error) {
      throw new UsageError(`config ${path} failed while building the block: ${firstLine(error)}`);
    }
  }
  if (!isBlock(exported)) {
    throw new UsageError(`config ${path} must export the block as default, e.g. "export default cloudtrailBlock({...})"`);
  }
  return exported;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] ?? '';
}
