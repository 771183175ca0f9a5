/** `check` through the real CLI: fresh → 0; edited, deleted or added generated file → 1 naming it. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { cleanupTempDirs, readTree, tempDir, writeTree } from '../helpers/tree.js';
import { header } from '../../generator/render/header.js';

afterAll(cleanupTempDirs);
// Each CLI process loads the TypeScript toolchain (seconds on a busy machine); allow for it.
vi.setConfig({ testTimeout: 180_000 });

const CONFIG = `import { cloudtrailBlock } from '${REPO_ROOT}/model/index.ts';\nexport default cloudtrailBlock({ connection: 'athena_security', schema: 'security' });\n`;

describe.concurrent('check (CLI)', () => {
  it('--out DIR: 0 when fresh; 1 after editing, deleting or adding a generated file, naming it', async () => {
    const dir = tempDir('ctl-e2e-check-');
    const out = join(dir, 'lookml');
    expect((await runCli(['generate', '--out', out], dir)).code).toBe(0);
    const fresh = await runCli(['check', '--out', out], dir);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(new RegExp(`^${out} is up to date \\(\\d+ generated files\\)\\n$`));

    const tree = await readTree(out);
    const view = Object.keys(tree).find((p) => p.startsWith('views/'))!;
    const explore = Object.keys(tree).find((p) => p.startsWith('explores/'))!;
    await fs.writeFile(join(out, view), tree[view]!.replace('label: ', 'label: "x" #'));
    await fs.rm(join(out, explore));
    await writeTree(out, { 'views/leftover.view.lkml': `${header('#')}\nview: leftover {}\n` });
    const r = await runCli(['check', '--out', out], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([`stale    ${view}`, `missing  ${explore}`, 'extra    views/leftover.view.lkml']);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`${out} is out of date: run "npx cloudtrail-lookml generate"`);
  });

  it('default output/ with the cwd at a project holding a config: 0 when fresh, 1 naming each drifted file; a person\'s file neither trips check nor is touched', async () => {
    const dir = tempDir('ctl-e2e-project-');
    await writeTree(dir, { 'cloudtrail-lookml.config.ts': CONFIG, 'package.json': '{ "type": "module" }\n' });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const out = join(dir, 'output');
    const generated = await readTree(out);
    expect(generated['manifest.lkml']).toContain('value: "athena_security"');

    const mine = { 'views/my_custom.view.lkml': 'view: my_custom {\n  dimension: x { sql: 1 ;; }\n}\n', 'README.md': 'notes\n' };
    await writeTree(out, mine);
    expect((await runCli(['check'], dir)).code).toBe(0);

    // Edit one generated file, delete another, add one with the generated header.
    await fs.appendFile(join(out, 'manifest.lkml'), '# hand edit\n');
    await fs.rm(join(out, 'cloudtrail.model.lkml'));
    await writeTree(out, { 'explores/ghost.explore.lkml': `${header('#')}\nexplore: ghost {}\n` });
    const drift = await runCli(['check'], dir);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toBe('stale    manifest.lkml\nmissing  cloudtrail.model.lkml\nextra    explores/ghost.explore.lkml\n');

    // generate repairs all three and keeps the person's files byte for byte.
    const repaired = await runCli(['generate'], dir);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('removed explores/ghost.explore.lkml');
    expect(repaired.stdout).toMatch(/, 2 of your own files kept\n/);
    expect(await readTree(out)).toEqual({ ...generated, ...mine });
  });
});
