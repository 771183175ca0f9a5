/** Block → IR: names attached to fields, `extends` resolved, everything frozen. */
import type { Block } from '../vocabulary/block.js';
import type { ViewDef } from '../vocabulary/view.js';
import type { FieldIR, ProjectIR, ViewIR } from './project-ir.js';

export function buildIr(block: Block): ProjectIR {
  const { content } = block;
  const byName = new Map(content.views.map((v) => [v.name, v] as const));
  const views = content.views.map((v) => viewIr(v, byName));
  return deepFreeze({
    manifest: content.manifest,
    model: content.model,
    views,
    explores: content.explores,
    dashboards: content.dashboards,
    athena: content.athena,
    exemptions: content.exemptions,
  });
}

function viewIr(def: ViewDef, byName: ReadonlyMap<string, ViewDef>): ViewIR {
  const ownFields = Object.entries(def.fields).map(([name, f]): FieldIR => ({ ...f, name, view: def.name }));
  const inherited = inheritedFields(def, byName, new Set([def.name]));
  const ownNames = new Set(ownFields.map((f) => f.name));
  const fields = [...inherited.filter((f) => !ownNames.has(f.name)), ...ownFields];
  const { fields: _f, __names: _n, ...rest } = def;
  return { ...rest, ownFields, fields };
}

/** Fields of the views listed in `extends`, re-homed in the extending view (Looker semantics). */
function inheritedFields(def: ViewDef, byName: ReadonlyMap<string, ViewDef>, seen: Set<string>): FieldIR[] {
  const out: FieldIR[] = [];
  for (const baseName of def.extends ?? []) {
    const base = byName.get(baseName);
    // A missing or cyclic base is reported by the semantic checks; here it contributes nothing.
    if (!base || seen.has(baseName)) continue;
    const deeper = inheritedFields(base, byName, new Set([...seen, baseName]));
    const own = Object.entries(base.fields).map(([name, f]): FieldIR => ({ ...f, name, view: def.name }));
    const ownNames = new Set(own.map((f) => f.name));
    out.push(...deeper.filter((f) => !ownNames.has(f.name)).map((f) => ({ ...f, view: def.name })), ...own);
  }
  return out;
}

function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  for (const v of Object.values(value)) deepFreeze(v, seen);
  return Object.freeze(value);
}
