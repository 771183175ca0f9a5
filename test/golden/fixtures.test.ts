/**
 * Golden text for the fixture block (test/helpers/fixture-blocks.ts): every field kind, a derived
 * table, extends, an explore with every explore parameter, a dashboard and Athena files. The
 * golden files were reviewed as LookML by hand; to accept an intended change, run
 * `UPDATE_GOLDEN=1 npx vitest run test/golden/fixtures.test.ts` and review the diff.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileBlock } from '../../generator/compile.js';
import { fixtureBlock } from '../helpers/fixture-blocks.js';
import { asTree, readTree, writeTree } from '../helpers/tree.js';

const GOLDEN_DIR = fileURLToPath(new URL('./fixtures/fixture-block/', import.meta.url));

describe('golden: fixture block', async () => {
  const result = await compileBlock(fixtureBlock());

  it('compiles without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files).toBeDefined();
  });

  const generated = asTree(result.files ?? []);
  if (process.env['UPDATE_GOLDEN']) await writeTree(GOLDEN_DIR, generated);
  const golden = existsSync(GOLDEN_DIR) ? await readTree(GOLDEN_DIR) : {};

  it('produces exactly the golden file list', () => {
    expect(Object.keys(generated)).toEqual(Object.keys(golden));
  });

  for (const path of Object.keys(golden)) {
    it(`${path} matches its golden text byte for byte`, () => {
      expect(generated[path], `${path} differs from test/golden/fixtures/fixture-block/${path}; if intended, run UPDATE_GOLDEN=1 npx vitest run test/golden/fixtures.test.ts and review the diff`).toBe(golden[path]);
    });
  }
});
