/**
 * Escaping fuzz: random labels, descriptions, tags, filter values and allowed values (seeded, so a
 * failure is reproducible) go through compileBlock and come back unchanged from lookml-parser.
 */
import { describe, expect, it } from 'vitest';
import { compileBlock } from '../../../generator/compile.js';
import { view } from '../../../generator/vocabulary/view.js';
import type { Field } from '../../../generator/vocabulary/fields.js';
import { makeSql, sqlText, TABLE } from '../../../generator/vocabulary/sql.js';
import { singleViewBlock } from '../../helpers/fixture-blocks.js';
import { mulberry32, pick } from '../../helpers/prng.js';
import { parseProject, type Node } from '../../helpers/lookml.js';
import { checkReferences } from '../../../generator/validate/rules/references.js';
import { checkDuplicates, checkIdentifiers, checkSqlTerminators } from '../../../generator/validate/rules/structure.js';

/** The names, reference and `;;` checks only: random filter values are not Looker filter expressions. */
const ESCAPING_RULES = [checkIdentifiers, checkDuplicates, checkSqlTerminators, checkReferences];

/**
 * lookml-parser 7.1.3 bug: a single `;` inside a `;;` block is read back as `;,` (its grammar
 * joins the pair [";", next char] with a comma). Expected SQL is mapped the same way.
 */
const asParserReadsSql = (text: string): string => text.replace(/;(?=[^;])/g, ';,');

const PIECES = [
  '"', '\\', '\\"', '""', '\\\\', '\n', '\t', '\r\n', '#', '# comment', ';;', ';', '${', '${TABLE}', '${x}', '}}', '{{', '{%', '%}', '}', '{',
  '🚀', '👩‍💻', '中文', 'é', 'ß', '\u00a0', '\u2028', '—', ':', ': ', '[', ']', ',', "'", 'yes', 'no', '@{CONST}', '<b>', '&amp;',
  ' ', '  ', 'a', 'Label', 'x y', '0', '-', '*',
];

function randomText(rnd: () => number): string {
  const n = 1 + Math.floor(rnd() * 8);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rnd, PIECES);
  // Leading/trailing spaces on a good share of values.
  if (rnd() < 0.2) s = ` ${s}`;
  if (rnd() < 0.2) s = `${s}  `;
  return s;
}

const COUNT = 1000;

describe('escaping fuzz', async () => {
  const rnd = mulberry32(0x5eed_1ea7);
  const expected = new Map<string, { label: string; description: string; tags: string[] }>();
  const filterValues = new Map<string, string>();
  const allowed: { label: string; value: string }[] = [];

  const fields: Record<string, Field> = {};
  let v = view('fuzz', { source: { kind: 'table', sqlTableName: 'fuzz_table' } });
  v = v.add((b) => {
    for (let i = 0; i < COUNT; i++) {
      const entry = { label: randomText(rnd), description: randomText(rnd), tags: [randomText(rnd), randomText(rnd)] };
      expected.set(`d_${i}`, entry);
      fields[`d_${i}`] = b.dimension({ type: 'string', sql: makeSql([TABLE, `.c${i}`]), ...entry });
    }
    for (let i = 0; i < 200; i++) {
      const value = randomText(rnd);
      filterValues.set(`m_${i}`, value);
      fields[`m_${i}`] = b.measure({ type: 'count', filters: { [`d_${i}`]: value } });
    }
    for (let i = 0; i < 50; i++) allowed.push({ label: randomText(rnd), value: randomText(rnd) });
    fields['p'] = b.parameter({ type: 'string', allowedValues: allowed, defaultValue: allowed[0]!.value });
    return fields as Readonly<Record<string, Field>>;
  }) as typeof v;

  const result = await compileBlock(singleViewBlock(v.build()), ESCAPING_RULES);
  const project = result.files ? await parseProject(result.files) : {};
  const parsed = project['model']?.['fixture']?.['view']?.['fuzz'] as Node | undefined;

  it('compiles and parses', () => {
    expect(result.diagnostics).toEqual([]);
    expect(parsed).toBeDefined();
    expect(Object.keys(parsed!['dimension'])).toHaveLength(COUNT);
  });

  it(`${COUNT} labels, descriptions and tags come back unchanged`, () => {
    const mismatches: string[] = [];
    for (const [name, e] of expected) {
      const d = parsed!['dimension'][name] as Node;
      const got = { label: d['label'], description: d['description'], tags: d['tags'] };
      if (JSON.stringify(got) !== JSON.stringify(e)) mismatches.push(`${name}: wrote ${JSON.stringify(e)}, read ${JSON.stringify(got)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('measure filter values come back unchanged', () => {
    for (const [name, value] of filterValues) {
      const m = parsed!['measure'][name] as Node;
      expect(m['filters'][`d_${name.slice(2)}`], name).toBe(value);
    }
  });

  it('allowed values and the default value come back unchanged', () => {
    const p = parsed!['parameter']['p'] as Node;
    expect((p['allowed_value'] as Node[]).map((a) => ({ label: a['label'], value: a['value'] }))).toEqual(allowed);
    expect(p['default_value']).toBe(allowed[0]!.value);
  });

  it('random single-line SQL without ";;" or a trailing ";" is written as is; with either it is refused (sql-terminator)', async () => {
    const sqlRnd = mulberry32(42);
    const SQL_PIECES = ['a', ' ', '"q"', "'s'", '\\', '#', ';', ' ;x', '{{ v }}', '}}', '🚀', '中', '(', ')', '+', '$'];
    const good: string[] = [];
    const bad: string[] = [];
    for (let i = 0; i < 300; i++) {
      let s = 'x';
      for (let j = 0; j < 6; j++) s += pick(sqlRnd, SQL_PIECES);
      (s.includes(';;') || /;\s*$/.test(s) ? bad : good).push(s);
    }
    for (let i = 0; i < 20; i++) bad.push(`${good[i]};;${good[i + 1]}`, `${good[i]};`, `${good[i]}; `);
    const ok = view('sqlfuzz', { source: { kind: 'table', sqlTableName: 't' } }).add((b) =>
      Object.fromEntries(good.map((s, i) => [`s_${i}`, b.dimension({ type: 'string', sql: sqlText(s) })])),
    );
    const r = await compileBlock(singleViewBlock(ok.build()), ESCAPING_RULES);
    expect(r.diagnostics).toEqual([]);
    const pv = (await parseProject(r.files!))['model']['fixture']['view']['sqlfuzz'] as Node;
    good.forEach((s, i) => expect(pv['dimension'][`s_${i}`]['sql'].trim(), `s_${i}`).toBe(asParserReadsSql(s.trim())));
    // And the file itself holds the SQL verbatim.
    const file = r.files!.find((f) => f.path === 'views/sqlbad.view.lkml' || f.path === 'views/sqlfuzz.view.lkml')!;
    good.forEach((s, i) => expect(file.content).toContain(`  dimension: s_${i} {\n    type: string\n    sql: ${s} ;;\n`));

    const refused = view('sqlbad', { source: { kind: 'table', sqlTableName: 't' } }).add((b) =>
      Object.fromEntries(bad.map((s, i) => [`b_${i}`, b.dimension({ type: 'string', sql: sqlText(s) })])),
    );
    const rb = await compileBlock(singleViewBlock(refused.build()));
    // Through the default rules too: the refusal does not depend on a reduced rule set.
    expect(rb.files).toBeUndefined();
    expect(rb.diagnostics.map((d) => [d.rule, d.where])).toEqual(bad.map((_, i) => ['sql-terminator', `view sqlbad / field b_${i}`]));
  });
});
