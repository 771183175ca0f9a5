/**
 * The broken-model corpus (test/fixtures/broken-models/NN-name.config.ts): each is the built-in
 * block with one fault and declares the rule it must trip. Through the compiler API every model
 * gives errors of exactly that rule (with a message naming the place) and renders nothing; a
 * sample goes through the real CLI: `validate --offline --json` exits 1 naming the rule, and
 * `generate --out` exits 1 and writes nothing.
 */
import { readdirSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileBlock } from '../../../../generator/compile.js';
import { staticChecks } from '../../../../generator/validate/static-checks.js';
import type { Block } from '../../../../generator/vocabulary/block.js';
import { REPO_ROOT, runCli, looksLikeStackTrace } from '../../../helpers/cli.js';

const DIR = join(REPO_ROOT, 'test/fixtures/broken-models');
const MODELS = readdirSync(DIR).filter((f) => /^\d\d-.+\.config\.ts$/.test(f)).sort();

interface BrokenModel {
  readonly default: Block;
  readonly expected: { readonly rule: string; readonly message: RegExp };
}

const load = async (file: string): Promise<BrokenModel> => (await import(join(DIR, file))) as BrokenModel;

describe('broken-model corpus through the compiler API', () => {
  it('has at least 40 models, numbered without gaps', () => {
    expect(MODELS.length).toBeGreaterThanOrEqual(40);
    expect(MODELS.map((f) => Number(f.slice(0, 2)))).toEqual(MODELS.map((_, i) => i + 1));
  });

  it.each(MODELS)('%s trips exactly its rule, names the place, and renders nothing', async (file) => {
    const { default: block, expected } = await load(file);
    const compiled = await compileBlock(block);
    const all = [...compiled.diagnostics, ...(await staticChecks(compiled.ir))];
    const errors = all.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.rule), `errors of ${file}: ${errors.map((d) => d.message).join(' | ')}`).toEqual(errors.map(() => expected.rule));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((d) => expected.message.test(d.message)), errors.map((d) => d.message).join('\n')).toBe(true);
    for (const d of errors) {
      expect(d.where).toMatch(/^(view|explore|dashboard|model|project|athena)\b/);
      expect(d.file, `${file}: generated file`).toBeTruthy();
      expect(d.hint, `${file}: hint`).toBeTruthy();
    }
    // Core-rule faults stop the pipeline before rendering; static ones are stopped by generate.
    if (hasCoreError(compiled.diagnostics)) expect(compiled.files).toBeUndefined();
  });
});

const hasCoreError = (ds: readonly { severity: string }[]): boolean => ds.some((d) => d.severity === 'error');

// A sample, one per family: a timeframe reference, a JS-only fault (join without relationship), a
// dashboard layout, a filter expression, and the SQL grammar gate (a static check blocking generate).
const CLI_SAMPLE = ['02-', '28-', '40-', '46-', '52-'].map((p) => MODELS.find((f) => f.startsWith(p))!);

// Concurrent: each CLI run loads tsx and the grammar (seconds); the runs are independent.
describe.concurrent('broken models through the CLI', () => {
  const work = mkdtempSync(join(tmpdir(), 'broken-models-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(CLI_SAMPLE)('%s: validate --offline --json exits 1 with the rule; generate exits 1 and writes nothing', async (file) => {
    const { expected } = await load(file);
    const config = join(DIR, file);
    const out = join(work, `${file}.out`);
    const json = `${file}.json`;
    const [validate, generate] = await Promise.all([
      runCli(['validate', '--offline', '--config', config, '--json', json], work),
      runCli(['generate', '--config', config, '--out', out], work),
    ]);
    expect(validate.code, validate.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(work, json), 'utf8')) as { ok: boolean; errors: { rule: string; severity: string; where: string; message: string }[] };
    expect(report.ok).toBe(false);
    const errors = report.errors.filter((e) => e.severity === 'error');
    expect(errors.map((e) => e.rule)).toContain(expected.rule);
    expect(errors.some((e) => expected.message.test(e.message))).toBe(true);
    for (const e of report.errors) expect(Object.keys(e)).toEqual(expect.arrayContaining(['rule', 'severity', 'where', 'message']));
    expect(validate.stderr).toContain(`[${expected.rule}]`);
    expect(looksLikeStackTrace(validate.stderr)).toBe(false);

    expect(generate.code, generate.stderr).toBe(1);
    expect(generate.stderr).toContain('nothing written');
    expect(generate.stderr).toContain(`[${expected.rule}]`);
    expect(existsSync(out)).toBe(false);
  }, 300_000);

  it('the built-in block: validate --offline --json exits 0 with "ok": true', async () => {
    const r = await runCli(['validate', '--offline', '--json', 'builtin.json'], work);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(work, 'builtin.json'), 'utf8')) as { ok: boolean; errors: { severity: string }[] };
    expect(report.ok).toBe(true);
    expect(report.errors.filter((e) => e.severity === 'error')).toEqual([]);
  }, 300_000);
});
