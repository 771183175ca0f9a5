/**
 * Finds and loads the block to compile: `--config FILE`, else `cloudtrail-lookml.config.ts` in
 * the working directory, else the built-in CloudTrail block. The config exports the block as
 * default (or a function returning it).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register as registerCommonJs } from 'tsx/cjs/api';
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
  let mod: ConfigModule;
  try {
    mod = await importConfig(path);
  } catch (error) {
    throw new UsageError(`cannot load config ${path}: ${firstLine(error)}`);
  }
  let exported = mod.default ?? mod.block;
  // A config compiled as CommonJS arrives as { default: module.exports }.
  if (!isBlock(exported) && typeof exported === 'object' && exported !== null && ('default' in exported || 'block' in exported)) {
    const inner = exported as ConfigModule;
    exported = inner.default ?? inner.block;
  }
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

type ConfigModule = { default?: unknown; block?: unknown };

/**
 * Imports the config. A `.ts` config in a folder whose package.json is not `"type": "module"`
 * (or that has none) is compiled as CommonJS, and Node 20 then refuses it through the ESM tsx
 * hook (ERR_REQUIRE_CYCLE_MODULE); it is then required through tsx's CommonJS hook, which keeps
 * source maps, so findings still point at the config's own lines.
 */
async function importConfig(path: string): Promise<ConfigModule> {
  try {
    return (await import(pathToFileURL(path).href)) as ConfigModule;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ERR_REQUIRE_CYCLE_MODULE') throw error;
    const api = registerCommonJs({ namespace: 'cloudtrail-lookml-config' });
    try {
      return api.require(path, import.meta.url) as ConfigModule;
    } finally {
      api.unregister();
    }
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] ?? '';
}
