/**
 * The engine's resource bounds: a memory limit (option, else $CLOUDTRAIL_LOOKML_DUCKDB_MEMORY, else
 * 1.5 GB), a private spill folder removed on close, no insertion-order preservation, and a JSON read
 * buffer fitted to the files instead of 2 × 512 MiB.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createBoundedInstance,
  DEFAULT_MAXIMUM_OBJECT_SIZE,
  DuckDbEngine,
  fitObjectSize,
  MEMORY_LIMIT_ENV,
  MINIMUM_OBJECT_SIZE,
  resolveMemoryLimit,
  resolveThreads,
  THREADS_ENV,
} from '../../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { FIXTURES, removeTempFolders, tempFolder } from './helpers.js';

afterEach(() => removeTempFolders());

async function setting(engine: DuckDbEngine, name: string): Promise<unknown> {
  return (await engine.run(`SELECT current_setting('${name}') AS v`)).rows[0]?.['v'];
}

describe('resource options', () => {
  it('resolves the memory limit from the option, then the environment, then 1.5GB', () => {
    expect(resolveMemoryLimit(undefined, {})).toBe('1.5GB');
    expect(resolveMemoryLimit(undefined, { [MEMORY_LIMIT_ENV]: ' 512MB ' })).toBe('512MB');
    expect(resolveMemoryLimit('2GB', { [MEMORY_LIMIT_ENV]: '512MB' })).toBe('2GB');
    expect(resolveThreads(undefined, {})).toBeUndefined();
    expect(resolveThreads(undefined, { [THREADS_ENV]: '1' })).toBe(1);
    expect(() => resolveThreads(undefined, { [THREADS_ENV]: 'two' })).toThrow(/positive integer/);
  });

  it('fits read_json maximum_object_size to the largest file, between 16 MiB and 512 MiB', () => {
    expect(fitObjectSize(30_000)).toBe(MINIMUM_OBJECT_SIZE);
    expect(fitObjectSize(MINIMUM_OBJECT_SIZE)).toBe(2 * MINIMUM_OBJECT_SIZE);
    expect(fitObjectSize(100_000_000)).toBe(134_217_728);
    expect(fitObjectSize(2_000_000_000)).toBe(DEFAULT_MAXIMUM_OBJECT_SIZE);
    expect(fitObjectSize(undefined)).toBe(DEFAULT_MAXIMUM_OBJECT_SIZE);
  });
});

describe('DuckDbEngine resources', () => {
  it('runs with a 1.5 GB limit, a private spill folder and no insertion-order preservation, and removes the folder on close', async () => {
    const previous = process.env[MEMORY_LIMIT_ENV];
    delete process.env[MEMORY_LIMIT_ENV];
    const engine = await DuckDbEngine.open({ data: join(FIXTURES, 'trailscraper'), schema: cloudtrailTable, threads: 1 });
    if (previous !== undefined) process.env[MEMORY_LIMIT_ENV] = previous;
    try {
      expect(engine.resources.memoryLimit).toBe('1.5GB');
      expect(await setting(engine, 'memory_limit')).toBe('1.3 GiB'); // 1.5 × 10^9 bytes
      expect(await setting(engine, 'temp_directory')).toBe(engine.resources.spillDirectory);
      expect(await setting(engine, 'preserve_insertion_order')).toBe(false);
      expect(await setting(engine, 'threads')).toBe(1);
      expect(existsSync(engine.resources.spillDirectory)).toBe(true);
      // The fixture files are small: the read buffer is DuckDB's 16 MiB default, not 512 MiB.
      expect(engine.load.sources.map((g) => g.maximumObjectSize)).toEqual(engine.load.sources.map(() => MINIMUM_OBJECT_SIZE));
      expect(engine.load.skipped).toEqual([]);
    } finally {
      await engine.close();
    }
    expect(existsSync(engine.resources.spillDirectory)).toBe(false);
  });

  it('takes the limit from the environment, under a chosen temp folder', async () => {
    const parent = tempFolder('spill');
    process.env[MEMORY_LIMIT_ENV] = '256MB';
    try {
      const engine = await DuckDbEngine.open({ data: join(FIXTURES, 'trailscraper'), schema: cloudtrailTable, tempDirectory: parent });
      try {
        expect(engine.resources.memoryLimit).toBe('256MB');
        expect(await setting(engine, 'memory_limit')).toMatch(/^244\.1 MiB$/);
        expect(engine.resources.spillDirectory.startsWith(parent)).toBe(true);
      } finally {
        await engine.close();
      }
    } finally {
      delete process.env[MEMORY_LIMIT_ENV];
    }
  });

  it('reports a bad memory limit by name and leaves no folder behind', async () => {
    const parent = tempFolder('bad');
    await expect(createBoundedInstance({ memoryLimit: 'lots', tempDirectory: parent })).rejects.toThrow(/memory limit "lots".*CLOUDTRAIL_LOOKML_DUCKDB_MEMORY/);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('DuckDbEngine query slots', () => {
  it('runs queries one at a time by default, and a query aborted while waiting rejects without running', async () => {
    const engine = await DuckDbEngine.open({ data: join(FIXTURES, 'trailscraper'), schema: cloudtrailTable });
    try {
      const slow = engine.run('SELECT count(*) AS n FROM range(20000000) AS t(x) WHERE x % 7 = 0');
      const controller = new AbortController();
      const waiting = engine.run('SELECT 1 AS v', { signal: controller.signal });
      controller.abort(new Error('stop'));
      await expect(waiting).rejects.toThrow('stop');
      const [a, b] = await Promise.all([slow, engine.run('SELECT 2 AS v')]);
      expect(a.rows[0]?.['n']).toBe(2857143);
      expect(b.rows[0]?.['v']).toBe(2);
    } finally {
      await engine.close();
    }
  });
});
