/**
 * Memory: peak RSS of the real CLI (`validate` over the generated logs) in a child process, so
 * the number includes Node, tsx, the compiler, the grammar checker and DuckDB, as a user sees it.
 * GNU time reports the peak itself; without it, /proc/<pid>/status VmHWM is polled (a high-water
 * mark, so polling misses at most the growth of the last interval).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_SCHEMA, BENCH_TABLE } from '../bench-block.js';
import { MEMORY_LIMIT_ENV, resolveMemoryLimit } from '../../generator/engines/duckdb/index.js';
import { round } from '../stats.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/cloudtrail-lookml.js');
const GNU_TIME = '/usr/bin/time';

export interface MemoryResults {
  readonly command: string;
  readonly method: 'gnu-time' | 'proc-vmhwm';
  readonly peak_rss_mb: number;
  readonly wall_ms: number;
  readonly exit_code: number | null;
  /** The engine's memory limit for the run ($CLOUDTRAIL_LOOKML_DUCKDB_MEMORY or the default). */
  readonly memory_limit: string;
  /** The last lines of the command's stderr when it failed (e.g. DuckDB's out-of-memory message). */
  readonly error?: string;
  readonly queries: number | null;
  readonly failures: number | null;
}

/**
 * The config the CLI loads: the built-in block with the bench schema (see bench-block.ts for why
 * not `default`). Written at run time because it imports the model by absolute path.
 */
function writeConfig(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'bench.config.ts');
  const model = join(ROOT, 'model/index.js');
  writeFileSync(path, `import { cloudtrailBlock } from ${JSON.stringify(model)};\nexport default cloudtrailBlock({ schema: ${JSON.stringify(BENCH_SCHEMA)}, table: ${JSON.stringify(BENCH_TABLE)} });\n`);
  return path;
}

function vmHwmKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // the process has exited
  }
}

export async function runMemory(o: { data: string; now: Date; workDir: string; log: (m: string) => void }): Promise<MemoryResults> {
  const config = writeConfig(o.workDir);
  const report = join(o.workDir, 'validate-report.json');
  const args = [CLI, 'validate', '--data', o.data, '--now', o.now.toISOString(), '--config', config, '--json', report];
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-v', process.execPath, ...args]] : [process.execPath, args];
  o.log(`memory: ${useTime ? 'time -v ' : ''}node bin/cloudtrail-lookml.js validate --data ${o.data} (${MEMORY_LIMIT_ENV}=${resolveMemoryLimit(undefined)})`);
  const started = performance.now();
  // The limit is passed explicitly, so the one recorded is the one the child uses.
  const memoryLimit = resolveMemoryLimit(undefined);
  const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, [MEMORY_LIMIT_ENV]: memoryLimit } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  let polled = 0;
  const timer = useTime ? undefined : setInterval(() => (polled = Math.max(polled, vmHwmKb(child.pid ?? 0))), 50);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (timer) clearInterval(timer);
  const wall = performance.now() - started;
  const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const peakKb = fromTime ? Number(fromTime[1]) : polled;
  let queries: number | null = null;
  let failures: number | null = null;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8')) as { queries?: number; failures?: unknown[] };
    queries = r.queries ?? null;
    failures = r.failures?.length ?? null;
  }
  if (peakKb === 0) throw new Error(`memory: could not read the peak RSS (exit ${exitCode}): ${stderr.slice(-500)}`);
  return {
    command: `node bin/cloudtrail-lookml.js validate --data ${o.data.replace(ROOT, '')} --now ${o.now.toISOString()} --config <bench config>`,
    method: fromTime ? 'gnu-time' : 'proc-vmhwm',
    peak_rss_mb: round(peakKb / 1024, 1),
    wall_ms: round(wall),
    exit_code: exitCode,
    memory_limit: memoryLimit,
    ...(exitCode !== 0 ? { error: stderr.replace(/\n\s*Command being timed:[\s\S]*$/, '').trim().slice(-600) } : {}),
    queries,
    failures,
  };
}
