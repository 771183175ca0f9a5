/** Runs the real CLI (`node bin/cloudtrail-lookml.js …`) as a subprocess. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const BIN = `${REPO_ROOT}/bin/cloudtrail-lookml.js`;

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, CLOUDTRAIL_LOOKML_DEBUG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A message a person should see: one line (plus an optional trailing newline), no stack frames. */
export function looksLikeStackTrace(text: string): boolean {
  return /\n\s+at .+\(?.*:\d+:\d+\)?/.test(text) || /^\s+at /m.test(text);
}
