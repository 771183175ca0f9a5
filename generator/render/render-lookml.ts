/** View, explore, model and manifest files: IR → parameters → templates. */
import type { ProjectIR, ViewIR } from '../ir/project-ir.js';
import { joinedViewOf, baseViewOf, type ExploreDef, type JoinDef } from '../vocabulary/explore.js';
import { sqlToLookml } from '../vocabulary/sql.js';
import type { Datagroup } from '../vocabulary/project.js';
import { fieldParam } from './field-params.js';
import {
  bareList, bareValue, block, filterMap, params, quoted, quotedList, sqlValue, yesNo,
  type LkmlParam, type LkmlValue,
} from './lookml-syntax.js';
import { header } from './header.js';
import { renderTemplate } from './templates.js';
import type { FileOutput } from './file-output.js';

const opt = <T>(v: T | undefined, f: (v: T) => LkmlValue): LkmlValue | undefined => (v === undefined ? undefined : f(v));

export function renderView(v: ViewIR): FileOutput {
  const source: (readonly [string, LkmlValue | undefined])[] =
    v.source.kind === 'table'
      ? [['sql_table_name', sqlValue(v.source.sqlTableName)]]
      : v.source.kind === 'derived'
        ? [['derived_table', block(params(['sql', sqlValue(sqlToLookml(v.source.sql))], ['datagroup_trigger', opt(v.source.datagroupTrigger, bareValue)]))]]
        : [];
  const viewParams = params(
    ['extends', opt(v.extends, bareList)],
    ['extension', v.extensionRequired ? bareValue('required') : undefined],
    ...source,
    ['label', opt(v.label, quoted)],
    ['description', opt(v.description, quoted)],
    ['drill_fields', opt(v.drillFields, bareList)],
  );
  const sets = Object.entries(v.sets).map(([name, fields]): LkmlParam => ({ key: 'set', value: block(params(['fields', bareList(fields)]), name) }));
  const includes = (v.extends ?? []).map((base) => `${base}.view.lkml`);
  const content = renderTemplate('lookml/view.lkml', {
    header: header('#'), includes, name: v.name, where: `view ${v.name}`,
    params: [...viewParams, ...sets, ...v.ownFields.map(fieldParam)],
  });
  return { path: `views/${v.name}.view.lkml`, content };
}

function joinParam(j: JoinDef): LkmlParam {
  return {
    key: 'join',
    value: block(
      params(
        ['from', opt(j.from, bareValue)],
        ['view_label', opt(j.viewLabel, quoted)],
        ['type', opt(j.type, bareValue)],
        ['relationship', bareValue(j.relationship)],
        ['sql_on', opt(j.sqlOn, (s) => sqlValue(sqlToLookml(s)))],
        ['required_joins', opt(j.requiredJoins, bareList)],
        ['fields', opt(j.fields, bareList)],
      ),
      j.name,
    ),
  };
}

export function exploreParams(e: ExploreDef): LkmlParam[] {
  return [
    ...params(
      ['from', opt(e.from, bareValue)],
      ['label', opt(e.label, quoted)],
      ['group_label', opt(e.groupLabel, quoted)],
      ['description', opt(e.description, quoted)],
      ['hidden', opt(e.hidden, yesNo)],
      ['tags', opt(e.tags, quotedList)],
      ['fields', opt(e.fields, bareList)],
      ['persist_with', opt(e.persistWith, bareValue)],
      ['always_filter', opt(e.alwaysFilter, (f) => block(params(['filters', filterMap(f)])))],
      ['conditionally_filter', opt(e.conditionallyFilter, (c) => block(params(['filters', filterMap(c.filters)], ['unless', bareList(c.unless)])))],
      ['sql_always_where', opt(e.sqlAlwaysWhere, (s) => sqlValue(sqlToLookml(s)))],
    ),
    ...(e.accessFilters ?? []).map((a): LkmlParam => ({
      key: 'access_filter',
      value: block(params(['field', bareValue(a.field)], ['user_attribute', bareValue(a.userAttribute)])),
    })),
    ...(e.joins ?? []).map(joinParam),
  ];
}

export function renderExplore(e: ExploreDef): FileOutput {
  const views = [...new Set([baseViewOf(e), ...(e.joins ?? []).map(joinedViewOf)])];
  const content = renderTemplate('lookml/explore.lkml', {
    header: header('#'),
    includes: views.map((v) => `../views/${v}.view.lkml`),
    name: e.name,
    where: `explore ${e.name}`,
    params: exploreParams(e),
  });
  return { path: `explores/${e.name}.explore.lkml`, content };
}

function datagroupParam(d: Datagroup): LkmlParam {
  return {
    key: 'datagroup',
    value: block(
      params(
        ['label', opt(d.label, quoted)],
        ['description', opt(d.description, quoted)],
        ['sql_trigger', opt(d.sqlTrigger, sqlValue)],
        ['interval_trigger', opt(d.intervalTrigger, quoted)],
        ['max_cache_age', opt(d.maxCacheAge, quoted)],
      ),
      d.name,
    ),
  };
}

export function renderModel(project: ProjectIR): FileOutput {
  const m = project.model;
  const content = renderTemplate('lookml/model.lkml', {
    header: header('#'),
    where: `model ${m.name}`,
    params: params(
      ['connection', quoted(m.connection)],
      ['label', opt(m.label, quoted)],
      ['week_start_day', opt(m.weekStartDay, bareValue)],
      ['persist_with', opt(m.persistWith, bareValue)],
    ),
    includes: m.includes,
    datagroups: (m.datagroups ?? []).map(datagroupParam),
  });
  return { path: `${m.name}.model.lkml`, content };
}

export function renderManifest(project: ProjectIR): FileOutput {
  const { manifest } = project;
  const constants = Object.entries(manifest.constants).map(([name, c]): LkmlParam => ({
    key: 'constant',
    value: block(params(['value', quoted(c.value)], ['export', opt(c.export, bareValue)]), name),
  }));
  const content = renderTemplate('lookml/manifest.lkml', { header: header('#'), where: 'manifest', projectName: manifest.projectName, constants });
  return { path: 'manifest.lkml', content };
}
