/**
 * Every SQL fragment the block emits (dimensions, measures, derived tables, sql_always_where,
 * sql_on) and every Athena file passes the Trino / Hive DDL grammar check and the Athena function
 * allowlist, in each partition layout and with the options on.
 */
import { describe, expect, it } from 'vitest';
import { checkFragment } from '../../../generator/validate/sql/fragment-context.js';
import { unknownFunctions } from '../../../generator/validate/sql/functions.js';
import { renderNeutral } from '../../../generator/validate/sql/lookml-template.js';
import type { CloudtrailBlockOptions } from '../../../model/index.js';
import { compiled, fragments } from './helpers.js';

/** Manifest constants (`@{NAME}`) become plain identifiers, as Looker substitutes them. */
const withConstants = (sql: string) => sql.replace(/@\{([A-Z_]+)\}/g, (_, n: string) => `const_${n.toLowerCase()}`);

const CONFIGS: Record<string, CloudtrailBlockOptions> = {
  default: {},
  'single-region': { partitioning: { layout: 'single-region', account: '111122223333', region: 'us-east-1' } },
  manual: { partitioning: { layout: 'manual', account: '111122223333' } },
  'organization, injected accounts': { partitioning: { layout: 'organization', organizationId: 'o-abc123', accounts: 'injected', regions: ['us-east-1'] } },
  'geolocation + parquet': { geolocation: {}, storage: 'parquet' },
};

describe('SQL of the block passes the Athena grammar and function checks', () => {
  for (const [name, options] of Object.entries(CONFIGS)) {
    it(name, async () => {
      const result = await compiled(options);
      expect(result.diagnostics).toEqual([]);
      const problems: string[] = [];
      for (const f of fragments(result)) {
        const sql = withConstants(f.sql);
        for (const issue of checkFragment({ kind: f.kind, sql })) problems.push(`${f.where} ${issue.line}:${issue.column} ${issue.message}`);
        for (const variant of renderNeutral(sql).variants) {
          for (const fn of unknownFunctions(variant.text)) problems.push(`${f.where}: unknown function ${fn.name}`);
        }
      }
      for (const file of result.files ?? []) {
        if (!file.path.startsWith('athena/')) continue;
        const statements = file.content.split(/;\s*$/m).map((s) => s.replace(/^--.*$/gm, '').trim()).filter((s) => s !== '');
        for (const statement of statements) {
          for (const issue of checkFragment({ kind: 'statement', sql: statement })) problems.push(`${file.path} ${issue.line}:${issue.column} ${issue.message}`);
          for (const fn of unknownFunctions(statement)) problems.push(`${file.path}: unknown function ${fn.name}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
