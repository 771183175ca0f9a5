#!/usr/bin/env node
// Entry point: registers the TypeScript loader (the CLI and users' config files are TypeScript),
// then hands over to the CLI. No build step: what is in the repository is what runs.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

// The AWS SDK warns on every run that its releases after January 2027 need Node 22; the version
// here is pinned, so the warning says nothing actionable. Other warnings still print.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!`${warning.name} ${warning.message}`.includes('NodeVersionSupportWarning')) process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

// Output piped into `head` and the like: a closed pipe ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
const main = new URL('../generator/cli/main.ts', import.meta.url);
const { run } = await import(fileURLToPath(main));
process.exitCode = await run(process.argv.slice(2));
