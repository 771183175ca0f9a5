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

/** Repeatable `NAME=VALUE` flags (filters, user attributes) as a record; the first `=` splits. */
export function keyValueFlags(list: readonly string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag} takes NAME=VALUE, got "${item}"`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1);
  }
  return out;
}

export const USER_ATTRIBUTE_FLAG = { 'user-attribute': { type: 'string', multiple: true } } as const;
export const USER_ATTRIBUTE_HELP = `  --user-attribute NAME=VALUE
                  a Looker user attribute, for explores with an access_filter (row-level
                  security) and Liquid _user_attributes; repeatable`;
