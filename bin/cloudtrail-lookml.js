#!/usr/bin/env node
// Entry point: registers the TypeScript loader (the CLI and users' config files are TypeScript),
// then hands over to the CLI. No build step: what is in the repository is what runs.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const main = new URL('../generator/cli/main.ts', import.meta.url);
const { run } = await import(fileURLToPath(main));
process.exitCode = await run(process.argv.slice(2));
