/**
 * Every generated `.lkml` file parses with the independent `lookml-parser`, and what it reads
 * back is what the model declared: views, each field's kind/type/sql/labels, counts per kind,
 * explores and their joins; dashboards (YAML) parse and hold the declared elements.
 * The expected values are computed from the IR here, not with the renderer's own code.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compileBlock } from '../../generator/compile.js';
import type { Block } from '../../generator/vocabulary/block.js';
import type { FieldIR, ProjectIR } from '../../generator/ir/project-ir.js';
import { sqlToLookml, type Sql } from '../../generator/vocabulary/sql.js';
import { cloudtrailBlock } from '../../model/index.js';
import { fixtureBlock } from '../helpers/fixture-blocks.js';
import { parsedFile, parseProject, stripMeta, type Node } from '../helpers/lookml.js';

/**
 * SQL compared line by line without indentation: the printer re-indents multi-line SQL to the
 * block's depth (and the parser keeps the whitespace around a `;;` value).
 */
const normSql = (text: string): string => text.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n');
const lk = (s: Sql | undefined): string | undefined => (s === undefined ? undefined : normSql(sqlToLookml(s)));
const list = <T>(v: readonly T[] | undefined): T[] | undefined => (v === undefined ? undefined : [...v]);

/** What lookml-parser should read back for a field (parser conventions: yes/no → booleans, numbers as text). */
function expectedField(f: FieldIR): Record<string, unknown> {
  const e: Record<string, unknown> = {
    type: f.type,
    label: f.label,
    view_label: f.viewLabel,
    group_label: f.groupLabel,
    group_item_label: f.groupItemLabel,
    description: f.description,
    hidden: f.hidden,
    tags: list(f.tags),
    alias: list(f.alias),
  };
  if ('sql' in f) e['sql'] = lk(f.sql);
  if ('primaryKey' in f) e['primary_key'] = f.primaryKey;
  if ('drillFields' in f) e['drill_fields'] = list(f.drillFields);
  if ('valueFormatName' in f) e['value_format_name'] = f.valueFormatName;
  if ('filters' in f && f.filters) e['filters'] = { ...f.filters };
  if (f.kind === 'dimension' && f.type === 'location') Object.assign(e, { sql_latitude: lk(f.sqlLatitude), sql_longitude: lk(f.sqlLongitude) });
  if (f.kind === 'dimension' && f.type === 'tier') Object.assign(e, { tiers: f.tiers.map(String), style: f.style });
  if (f.kind === 'dimension_group' && f.type === 'time') Object.assign(e, { timeframes: [...f.timeframes], datatype: f.datatype, convert_tz: f.convertTz });
  if (f.kind === 'dimension_group' && f.type === 'duration') Object.assign(e, { intervals: [...f.intervals], sql_start: lk(f.sqlStart), sql_end: lk(f.sqlEnd) });
  if (f.kind === 'measure' && f.type === 'percentile') e['percentile'] = String(f.percentile);
  if (f.kind === 'measure' && f.type === 'list') e['list_field'] = f.listField;
  if (f.kind === 'measure' && 'sqlDistinctKey' in f) e['sql_distinct_key'] = lk(f.sqlDistinctKey);
  if (f.kind === 'parameter') {
    e['default_value'] = f.defaultValue;
    if (f.allowedValues) e['allowed_value'] = f.allowedValues.map((a) => ({ label: a.label, value: a.value }));
  }
  if (f.kind === 'filter') e['suggest_dimension'] = f.suggestDimension;
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
}

function actualField(node: Node, keys: readonly string[]): Record<string, unknown> {
  const plain = stripMeta(node) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    let v = plain[k];
    if (typeof v === 'string' && /^(sql|sql_\w+|html)$/.test(k)) v = normSql(v);
    if (k === 'allowed_value' && !Array.isArray(v)) v = [v];
    out[k] = v;
  }
  return out;
}

const KINDS = ['dimension', 'dimension_group', 'measure', 'filter', 'parameter'] as const;

async function roundTrip(name: string, block: Block): Promise<void> {
  const result = await compileBlock(block);
  const ir: ProjectIR = result.ir;
  const files = result.files ?? [];
  const project = await parseProject(files);
  const model = project['model'][ir.model.name] as Node;

  describe(`lookml-parser round trip: ${name}`, () => {
    it('compiles and every .lkml/.lookml file parses (no parser errors)', () => {
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(files.filter((f) => /\.(lkml|lookml)$/.test(f.path)).length).toBeGreaterThan(3);
      expect(Object.keys(project['file']).sort()).toEqual(
        files.filter((f) => /\.(lkml|lookml)$/.test(f.path)).map((f) => f.path.replace(/\.(lkml|lookml)$/, '')).sort(),
      );
    });

    it('the model file reads back its connection, includes and persist_with', () => {
      expect(model['connection']).toBe(ir.model.connection);
      expect(model['persist_with']).toBe(ir.model.persistWith);
      const file = parsedFile(project, `${ir.model.name}.model.lkml`);
      expect([file['include']].flat()).toEqual([...ir.model.includes]);
      expect(Object.keys(model['datagroup'] ?? {})).toEqual((ir.model.datagroups ?? []).map((d) => d.name));
    });

    it('the manifest reads back the project name and constants', () => {
      const manifest = parsedFile(project, 'manifest.lkml');
      expect(manifest['project_name']).toBe(ir.manifest.projectName);
      expect(stripMeta(manifest['constant'])).toEqual(
        Object.fromEntries(Object.entries(ir.manifest.constants).map(([k, c]) => [k, c.export ? { value: c.value, export: c.export } : { value: c.value }])),
      );
    });

    it('the model (following includes) holds every view, with the declared source and labels', () => {
      expect(Object.keys(model['view']).sort()).toEqual(ir.views.map((v) => v.name).sort());
      for (const v of ir.views) {
        const pv = model['view'][v.name] as Node;
        expect(pv['$name'], v.name).toBe(v.name);
        expect(pv['label']).toBe(v.label);
        expect(pv['description']).toBe(v.description);
        if (v.source.kind === 'table') expect(pv['sql_table_name'].trim()).toBe(v.source.sqlTableName);
        if (v.source.kind === 'derived') {
          expect(normSql(pv['derived_table']['sql'])).toBe(lk(v.source.sql));
          expect(pv['derived_table']['datagroup_trigger']).toBe(v.source.datagroupTrigger);
        }
        if (v.extends) expect(pv['extends']).toEqual([...v.extends]);
        if (v.drillFields) expect(pv['drill_fields']).toEqual([...v.drillFields]);
        expect(stripMeta(pv['set'] ?? {})).toEqual(Object.fromEntries(Object.entries(v.sets).map(([k, fs]) => [k, { fields: [...fs] }])));
      }
    });

    it('every view has the declared number of fields of each kind (extends applied)', () => {
      for (const v of ir.views) {
        const pv = model['view'][v.name] as Node;
        for (const kind of KINDS) {
          const declared = v.fields.filter((f) => f.kind === kind).map((f) => f.name).sort();
          expect(Object.keys(pv[kind] ?? {}).sort(), `${v.name} ${kind}s`).toEqual(declared);
        }
      }
    });

    it('every field reads back with its kind, type, sql, labels, description and other parameters', () => {
      let checked = 0;
      for (const v of ir.views) {
        const pv = model['view'][v.name] as Node;
        for (const f of v.fields) {
          const node = pv[f.kind]?.[f.name] as Node | undefined;
          expect(node, `${v.name}.${f.name}`).toBeDefined();
          expect(node!['$type']).toBe(f.kind);
          const expected = expectedField(f);
          expect(actualField(node!, Object.keys(expected)), `${v.name}.${f.name}`).toEqual(expected);
          checked++;
        }
      }
      expect(checked).toBe(ir.views.reduce((n, v) => n + v.fields.length, 0));
    });

    it('every explore reads back with its joins and parameters', () => {
      expect(Object.keys(model['explore'] ?? {}).sort()).toEqual(ir.explores.map((e) => e.name).sort());
      for (const e of ir.explores) {
        const pe = model['explore'][e.name] as Node;
        expect(pe['label']).toBe(e.label);
        expect(pe['description']).toBe(e.description);
        expect(pe['group_label']).toBe(e.groupLabel);
        expect(pe['from']).toBe(e.from);
        expect(pe['fields']).toEqual(list(e.fields));
        expect(pe['sql_always_where'] === undefined ? undefined : normSql(pe['sql_always_where'])).toBe(lk(e.sqlAlwaysWhere));
        expect(stripMeta(pe['always_filter']?.['filters'])).toEqual(e.alwaysFilter && { ...e.alwaysFilter });
        expect(stripMeta(pe['conditionally_filter'])).toEqual(
          e.conditionallyFilter && { filters: { ...e.conditionallyFilter.filters }, unless: [...e.conditionallyFilter.unless] },
        );
        const access = pe['access_filter'] === undefined ? [] : [pe['access_filter']].flat();
        expect(stripMeta(access)).toEqual((e.accessFilters ?? []).map((a) => ({ field: a.field, user_attribute: a.userAttribute })));
        expect(Object.keys(pe['join'] ?? {})).toEqual((e.joins ?? []).map((j) => j.name));
        for (const j of e.joins ?? []) {
          const pj = pe['join'][j.name] as Node;
          expect(actualField(pj, ['from', 'type', 'relationship', 'sql_on', 'view_label', 'fields', 'required_joins']), `join ${j.name}`).toEqual({
            from: j.from, type: j.type, relationship: j.relationship, sql_on: lk(j.sqlOn), view_label: j.viewLabel, fields: list(j.fields), required_joins: list(j.requiredJoins),
          });
        }
      }
    });

    it('every dashboard is YAML (both js-yaml via lookml-parser and yaml) holding the declared elements and filters', () => {
      const paths = files.filter((f) => f.path.endsWith('.dashboard.lookml'));
      expect(paths.map((f) => f.path)).toEqual(ir.dashboards.map((d) => `dashboards/${d.name}.dashboard.lookml`).sort());
      for (const d of ir.dashboards) {
        const file = files.find((f) => f.path === `dashboards/${d.name}.dashboard.lookml`)!;
        const viaYaml = parseYaml(file.content) as Node[];
        const viaParser = model['dashboard'][d.name] as Node[];
        expect(viaParser).toEqual(viaYaml);
        expect(viaYaml).toHaveLength(1);
        const doc = viaYaml[0]!;
        expect({ dashboard: doc['dashboard'], title: doc['title'], description: doc['description'], layout: doc['layout'] }).toEqual({
          dashboard: d.name, title: d.title, description: d.description, layout: 'newspaper',
        });
        expect((doc['elements'] as Node[]).map((el) => el['name'])).toEqual(d.elements.map((el) => el.name));
        for (const el of d.elements) {
          const pel = (doc['elements'] as Node[]).find((x) => x['name'] === el.name)!;
          expect({ row: pel['row'], col: pel['col'], width: pel['width'], height: pel['height'] }).toEqual({ row: el.row, col: el.col, width: el.width, height: el.height });
          if (el.kind === 'text') {
            expect({ type: pel['type'], title_text: pel['title_text'], body_text: pel['body_text'] }).toEqual({ type: 'text', title_text: el.titleText, body_text: el.bodyText });
          } else {
            expect({
              title: pel['title'], model: pel['model'], explore: pel['explore'], type: pel['type'], fields: pel['fields'], pivots: pel['pivots'],
              sorts: pel['sorts'], filters: pel['filters'], listen: pel['listen'], limit: pel['limit'], note_text: pel['note_text'],
            }).toEqual({
              title: el.title, model: ir.model.name, explore: el.explore, type: el.type, fields: [...el.fields], pivots: list(el.pivots),
              sorts: list(el.sorts), filters: el.filters && { ...el.filters }, listen: el.listen && { ...el.listen }, limit: el.limit, note_text: el.noteText,
            });
            for (const [k, v] of Object.entries(el.vis ?? {})) expect(pel[k], `vis ${k}`).toEqual(v);
          }
        }
        expect(((doc['filters'] ?? []) as Node[]).map((f) => [f['name'], f['title'], f['type'], f['field'], f['default_value']])).toEqual(
          d.filters.map((f) => [f.name, f.title, f.type, f.field, f.defaultValue]),
        );
      }
    });
  });
}

await roundTrip('built-in CloudTrail block', cloudtrailBlock());
await roundTrip('built-in block, organization layout, extended', cloudtrailBlock({
  partitioning: { layout: 'organization', organizationId: 'o-abc123', accounts: ['111111111111'], regions: ['us-east-1'] },
}).extendView('cloudtrail_logs', (v) => ({
  is_terraform: v.dimension({ type: 'yesno', description: 'Call made by Terraform', sql: v.sql`${v.fields.user_agent} LIKE '%Terraform%'` }),
  failed_calls: v.measure({ type: 'count', filters: { error_code: '-NULL' }, label: 'Failed calls' }),
})));
await roundTrip('fixture block', fixtureBlock());
