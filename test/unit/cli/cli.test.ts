/** The CLI in-process (captured output): dispatch, help, flags, exit codes, generate/check/ddl. */
import { afterAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { run, mainHelp } from '../../../generator/cli/main.js';
import type { CliIo } from '../../../generator/cli/io.js';
import { parseFlags, intFlag } from '../../../generator/cli/args.js';
import { UsageError } from '../../../generator/cli/errors.js';
import { GENERATE_HELP } from '../../../generator/cli/commands/generate.js';
import { CHECK_HELP } from '../../../generator/cli/commands/check.js';
import { DDL_HELP } from '../../../generator/cli/commands/ddl.js';
import { cleanupTempDirs, readTree, tempDir, writeTree } from '../../helpers/tree.js';
import { compileBlock } from '../../../generator/compile.js';
import { cloudtrailBlock } from '../../../model/index.js';

afterAll(cleanupTempDirs);

async function cli(argv: string[], cwd = tempDir('ctl-cli-')) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, isTty: false };
  const code = await run(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), cwd };
}

describe('dispatch and help', () => {
  it('no command prints the help and exits 2; --help exits 0', async () => {
    expect(await cli([])).toMatchObject({ code: 2, out: mainHelp() });
    expect(await cli(['--help'])).toMatchObject({ code: 0, out: mainHelp() });
    for (const c of ['generate', 'check', 'ddl']) expect(mainHelp()).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
  });

  it('an unknown command exits 2 and names it', async () => {
    const r = await cli(['generat']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('unknown command "generat"');
  });

  it.each([
    ['generate', GENERATE_HELP],
    ['check', CHECK_HELP],
    ['ddl', DDL_HELP],
  ])('%s --help and -h print the command help and exit 0', async (command, help) => {
    expect(await cli([command, '--help'])).toMatchObject({ code: 0, out: help, err: '' });
    expect(await cli([command, '-h'])).toMatchObject({ code: 0, out: help });
  });

  it.each([
    [['generate', '--outt', 'x'], /^error: generate: Unknown option '--outt'.* \(see: cloudtrail-lookml generate --help\)$/],
    [['check', 'stray'], /^error: check: .*positional.*\(see: cloudtrail-lookml check --help\)$/i],
    [['ddl', '--out', 'x'], /^error: ddl: Unknown option '--out'/],
    [['generate', '--out'], /^error: generate: Option '--out <value>' argument missing/],
  ])('%j is a usage error: exit 2, one line, no stack', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('a missing --config file exits 2 naming the path', async () => {
    const r = await cli(['generate', '--config', 'nope.config.ts']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: config file not found: ${join(r.cwd, 'nope.config.ts')}`);
    await expect(fs.stat(join(r.cwd, 'output'))).rejects.toThrow(/ENOENT/);
  });
});

describe('config loading (in-process)', () => {
  it.each([
    ['does not load', "import { nope } from './missing-module.ts';\nexport default nope;\n", /^error: cannot load config .*cloudtrail-lookml\.config\.ts: .+$/],
    ['throws while building the block', 'export default () => { throw new Error("boom\\nsecond line"); };\n', /^error: config .*cloudtrail-lookml\.config\.ts failed while building the block: boom$/],
    ['exports something else', 'export default { views: [] };\n', /^error: config .*cloudtrail-lookml\.config\.ts must export the block as default/],
  ])('a config that %s is a usage error (exit 2, one line) and nothing is written', async (_what, source, message) => {
    const cwd = tempDir('ctl-cli-');
    await writeTree(cwd, { 'cloudtrail-lookml.config.ts': source, 'package.json': '{ "type": "module" }\n' });
    const r = await cli(['generate'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
    await expect(fs.stat(join(cwd, 'output'))).rejects.toThrow(/ENOENT/);
  });

  it('a config exporting a function that returns the block is accepted', async () => {
    const cwd = tempDir('ctl-cli-');
    const model = new URL('../../../model/index.ts', import.meta.url).pathname;
    await writeTree(cwd, {
      'cloudtrail-lookml.config.ts': `import { cloudtrailBlock } from '${model}';\nexport default () => cloudtrailBlock({ schema: 'sec' });\n`,
      'package.json': '{ "type": "module" }\n',
    });
    const r = await cli(['generate'], cwd);
    expect(r.code).toBe(0);
    expect((await readTree(join(cwd, 'output')))['manifest.lkml']).toContain('value: "sec"');
  });
});

describe('parseFlags / intFlag', () => {
  it('parses known flags and adds --help', () => {
    expect(parseFlags('x', ['--out', 'd', '-h'], { out: { type: 'string' } }).values).toEqual({ out: 'd', help: true });
    expect(() => parseFlags('x', ['--nope'], {})).toThrow(UsageError);
  });
  it('intFlag accepts positive integers only', () => {
    expect(intFlag('n', undefined, 4)).toBe(4);
    expect(intFlag('n', '12', 4)).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'x', '']) expect(() => intFlag('n', bad, 4)).toThrow(`--n must be a positive integer, got "${bad}"`);
  });
});

describe('generate / check / ddl with the built-in block', async () => {
  const builtin = (await compileBlock(cloudtrailBlock())).files!;
  const n = builtin.length;

  it('generate writes output/ under the cwd; check then passes; a second generate writes nothing', async () => {
    const g = await cli(['generate']);
    expect(g.code).toBe(0);
    const out = join(g.cwd, 'output');
    expect(g.out.split('\n')).toEqual([`${out}: ${n} written, 0 unchanged, 0 removed`, ...builtin.map((f) => `  wrote   ${f.path}`)]);
    expect(await readTree(out)).toEqual(Object.fromEntries(builtin.map((f) => [f.path, f.content])));
    expect(await cli(['check'], g.cwd)).toMatchObject({ code: 0, out: `${out} is up to date (${n} generated files)` });
    expect((await cli(['generate'], g.cwd)).out).toBe(`${out}: 0 written, ${n} unchanged, 0 removed`);
  });

  it('check lists what is stale, missing and extra and exits 1', async () => {
    const { cwd } = await cli(['generate', '--out', 'lookml']);
    const out = join(cwd, 'lookml');
    await fs.appendFile(join(out, 'manifest.lkml'), '\n');
    await fs.rm(join(out, 'cloudtrail.model.lkml'));
    const tree = await readTree(out);
    await writeTree(out, { 'views/old.view.lkml': tree['views/cloudtrail_logs.view.lkml']! });
    const r = await cli(['check', '--out', 'lookml'], cwd);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual(['stale    manifest.lkml', 'missing  cloudtrail.model.lkml', 'extra    views/old.view.lkml']);
    expect(r.err.split('\n').at(-1)).toBe(`${out} is out of date: run "npx cloudtrail-lookml generate"`);
  });

  it('generate refuses to overwrite a person\'s file (exit 2) and writes nothing', async () => {
    const cwd = tempDir('ctl-cli-');
    await writeTree(join(cwd, 'output'), { 'manifest.lkml': 'project_name: "mine"\n' });
    const r = await cli(['generate'], cwd);
    expect(r.code).toBe(2);
    // (Warnings of the lint rules may come first.)
    expect(r.err.split('\n').filter((l) => l.startsWith('refusing'))).toEqual([
      'refusing to overwrite files that were not written by the generator: manifest.lkml (move them away or rename the generated item)',
    ]);
    expect(await readTree(join(cwd, 'output'))).toEqual({ 'manifest.lkml': 'project_name: "mine"\n' });
    const c = await cli(['check'], cwd);
    expect(c.code).toBe(1);
    expect(c.out).toContain('conflict manifest.lkml');
  });

  it('ddl prints the CREATE EXTERNAL TABLE of the built-in block (the same text as athena/)', async () => {
    const r = await cli(['ddl']);
    expect(r.code).toBe(0);
    const tables = cloudtrailBlock().content.athena.filter((f) => f.kind === 'create-table');
    expect(tables.length).toBeGreaterThan(0);
    expect(r.out).toBe(tables.map((t) => builtin.find((f) => f.path === `athena/${t.name}.sql`)!.content).join('\n'));
    expect(r.out).toMatch(/^-- Generated by cloudtrail-lookml .*\n-- .*\nCREATE EXTERNAL TABLE IF NOT EXISTS \w+\.\w+ \(\n/);
  });
});
