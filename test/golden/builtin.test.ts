/**
 * The committed output/ is what `generate` writes for the built-in block, byte for byte.
 * output/ is only read here; the regenerated tree goes to a temp folder.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileBlock } from '../../generator/compile.js';
import { writeOutput } from '../../generator/write/write-atomic.js';
import { cloudtrailBlock } from '../../model/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { cleanupTempDirs, readTree, tempDir } from '../helpers/tree.js';

const COMMITTED = join(REPO_ROOT, 'output');
const HINT = 'output/ is stale: run `npx cloudtrail-lookml generate` and review the diff (git diff output/) before committing';

afterAll(cleanupTempDirs);

describe('golden: built-in CloudTrail block vs committed output/', async () => {
  const result = await compileBlock(cloudtrailBlock());
  const out = join(tempDir('ctl-golden-'), 'output');
  if (result.files) await writeOutput(out, result.files);
  const regenerated = await readTree(out);
  const committed = await readTree(COMMITTED);

  it('the built-in block compiles without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('regenerates exactly the committed file list', () => {
    expect(Object.keys(regenerated), HINT).toEqual(Object.keys(committed));
    expect(Object.keys(committed)).toEqual(expect.arrayContaining([
      'manifest.lkml', 'cloudtrail.model.lkml', 'views/cloudtrail_logs.view.lkml', 'explores/cloudtrail_logs.explore.lkml',
      'athena/cloudtrail_logs.create-table.sql',
    ]));
  });

  for (const path of Object.keys(committed)) {
    it(`${path} is byte-identical`, () => {
      expect(regenerated[path], `${path}: ${HINT}`).toBe(committed[path]);
    });
  }
});
