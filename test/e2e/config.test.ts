/**
 * A user's `cloudtrail-lookml.config.ts`, loaded by the real CLI in a subprocess with the temp
 * project folder as working directory.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { promises as fs, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, looksLikeStackTrace, runCli } from '../helpers/cli.js';
import { asTree, cleanupTempDirs, readTree, tempDir, writeTree } from '../helpers/tree.js';
import { compileBlock } from '../../generator/compile.js';
import { writeOutput } from '../../generator/write/write-atomic.js';
import { cloudtrailBlock } from '../../model/index.js';

afterAll(cleanupTempDirs);
// Each CLI process loads the TypeScript toolchain (seconds on a busy machine); allow for it.
vi.setConfig({ testTimeout: 180_000 });

const MODEL = `${REPO_ROOT}/model/index.ts`;
const TERRAFORM_CONFIG = `import { cloudtrailBlock } from '${MODEL}';

export default cloudtrailBlock().extendView('cloudtrail_logs', (v) => ({
  is_terraform: v.dimension({
    type: 'yesno',
    description: 'Call made by Terraform',
    sql: v.sql\`\${v.fields.user_agent} LIKE '%Terraform%'\`,
  }),
}));
`;

const TYPO_CONFIG = `import { cloudtrailBlock } from '${MODEL}';

export default cloudtrailBlock().extendView('cloudtrail_logs', (v) => ({
  // @ts-ignore -- the typo tsc would catch; the generator must catch it too
  no_agent: v.dimension({ type: 'yesno', sql: v.sqlText('\${user_agnt} IS NULL') }),
}));
`;

/**
 * A temp project folder holding only the config: no package.json, so tsx compiles the config as
 * CommonJS (the loader's fallback path); test/e2e/check.test.ts covers an ESM project.
 */
async function project(config: string | undefined, name = 'cloudtrail-lookml.config.ts'): Promise<string> {
  const dir = tempDir('ctl-e2e-config-');
  if (config !== undefined) await writeTree(dir, { [name]: config });
  return dir;
}

/** Lines only in `b`, when `b` is `a` with one contiguous run of lines inserted. */
function insertedLines(a: string, b: string): string[] | undefined {
  const la = a.split('\n');
  const lb = b.split('\n');
  let pre = 0;
  while (pre < la.length && la[pre] === lb[pre]) pre++;
  let post = 0;
  while (post < la.length - pre && la[la.length - 1 - post] === lb[lb.length - 1 - post]) post++;
  if (pre + post !== la.length) return undefined;
  return lb.slice(pre, lb.length - post);
}

describe.concurrent('config file', () => {
  it('extendView in the config adds exactly that dimension block to views/cloudtrail_logs.view.lkml and changes nothing else', async () => {
    const configDir = await project(TERRAFORM_CONFIG);
    const custom = await runCli(['generate'], configDir);
    // Lint warnings may be printed; no errors.
    expect(custom.code).toBe(0);
    expect(custom.stderr).not.toMatch(/^(error|internal error)/m);

    // The built-in block's output (the CLI writes the same bytes: see determinism.test.ts).
    const a = asTree((await compileBlock(cloudtrailBlock())).files!);
    const b = await readTree(join(configDir, 'output'));
    expect(Object.keys(b)).toEqual(Object.keys(a));
    const changed = Object.keys(a).filter((p) => a[p] !== b[p]);
    expect(changed).toEqual(['views/cloudtrail_logs.view.lkml']);

    const added = insertedLines(a['views/cloudtrail_logs.view.lkml']!, b['views/cloudtrail_logs.view.lkml']!);
    const block = [
      '  dimension: is_terraform {',
      '    type: yesno',
      "    sql: ${user_agent} LIKE '%Terraform%' ;;",
      '    description: "Call made by Terraform"',
      '  }',
    ];
    // One contiguous insertion: the block plus the blank line that separates blocks.
    expect(added === undefined ? undefined : added.filter((l) => l !== '')).toEqual(block);
    expect(added!.length).toBe(block.length + 1);

    expect((await runCli(['check'], configDir)).code).toBe(0);
  }, 180_000);

  it('a field reference typo exits 1 naming the view, field, bad reference and the closest name, and writes nothing', async () => {
    const dir = await project(TYPO_CONFIG);
    const r = await runCli(['generate'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error [unknown-reference] view cloudtrail_logs / field no_agent: sql references ${user_agnt}');
    expect(r.stderr).toContain('did you mean "user_agent"');
    expect(r.stderr).toMatch(/defined at .*cloudtrail-lookml\.config\.ts:\d+, emitted in views\/cloudtrail_logs\.view\.lkml/);
    expect(r.stderr).toContain('nothing written: fix the errors above');
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
    expect(existsSync(join(dir, 'output'))).toBe(false);
    expect(await fs.readdir(dir)).toEqual(['cloudtrail-lookml.config.ts']);
  });

  it('the same typo leaves an existing output folder unchanged, and check exits 1 too', async () => {
    const dir = await project(undefined);
    await writeOutput(join(dir, 'lookml'), (await compileBlock(cloudtrailBlock())).files!);
    const before = await readTree(join(dir, 'lookml'));
    await writeTree(dir, { 'bad.config.ts': TYPO_CONFIG });
    const [g, c] = await Promise.all([runCli(['generate', '--config', 'bad.config.ts', '--out', 'lookml'], dir), runCli(['check', '--config', 'bad.config.ts', '--out', 'lookml'], dir)]);
    expect(g.code).toBe(1);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('view cloudtrail_logs / field no_agent');
    expect(await readTree(join(dir, 'lookml'))).toEqual(before);
    expect((await fs.readdir(dir)).sort()).toEqual(['bad.config.ts', 'lookml']);
  }, 180_000);

  it.each([
    ['a config that exports no block', 'export const answer = 42;\n', [], /^error: config .*cloudtrail-lookml\.config\.ts must export the block as default, e\.g\. "export default cloudtrailBlock\(\{\.\.\.\}\)"\n$/],
    ['a missing --config file', undefined, ['--config', 'missing.config.ts'], /^error: config file not found: .*missing\.config\.ts\n$/],
    ['an unknown flag', undefined, ['--frobnicate'], /^error: generate: Unknown option '--frobnicate'.*\n$/],
  ])('%s: exit 2, one line, no stack trace, nothing written', async (_name, config, extra, message) => {
    const dir = await project(config as string | undefined);
    const r = await runCli(['generate', ...(extra as string[])], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });

  it('--help exits 0 and prints the usage (each command\'s help is also checked in-process in test/unit/cli)', async () => {
    const r = await runCli(['check', '--help'], await project(undefined));
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Usage: cloudtrail-lookml check')).toBe(true);
    expect(r.stderr).toBe('');
  });
});
