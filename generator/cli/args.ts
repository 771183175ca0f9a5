/** Flag parsing on node:util parseArgs; unknown flags and bad values are usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<O extends OptionSpec>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '')} (see: cloudtrail-lookml ${command} --help)`);
  }
}

/** A positive integer flag value. */
export function intFlag(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  return Number(value);
}
