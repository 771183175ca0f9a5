/**
 * Builders for core-rule findings: every one names the model path, the TS origin and the
 * generated file, so each rule body is only the check and the sentence.
 */
import type { ExploreDef, JoinDef } from '../../vocabulary/explore.js';
import type { DashboardDef, DashboardElement } from '../../vocabulary/dashboard.js';
import type { FieldIR, ViewIR } from '../../ir/project-ir.js';
import type { Diagnostic } from '../diagnostics.js';
import { dashboardFile, exploreFile, explorePath, fieldPath, joinPath, tilePath, viewFile } from '../paths.js';

function make(rule: string, where: string, message: string, file: string, origin: string | undefined, hint: string | undefined): Diagnostic {
  return { rule, severity: 'error', where, message, file, ...(origin ? { origin } : {}), ...(hint ? { hint } : {}) };
}

export const fieldError = (rule: string, v: ViewIR, f: FieldIR, message: string, hint?: string): Diagnostic =>
  make(rule, fieldPath(v.name, f.name), message, viewFile(v.name), f.origin, hint);

export const viewError = (rule: string, v: ViewIR, message: string, hint?: string): Diagnostic =>
  make(rule, `view ${v.name}`, message, viewFile(v.name), v.origin, hint);

export const exploreError = (rule: string, e: ExploreDef, message: string, hint?: string): Diagnostic =>
  make(rule, explorePath(e.name), message, exploreFile(e.name), e.origin, hint);

export const joinError = (rule: string, e: ExploreDef, j: JoinDef, message: string, hint?: string): Diagnostic =>
  make(rule, joinPath(e.name, j.name), message, exploreFile(e.name), j.origin ?? e.origin, hint);

export const tileError = (rule: string, d: DashboardDef, t: DashboardElement, message: string, hint?: string): Diagnostic =>
  make(rule, tilePath(d.name, tileTitle(t)), message, dashboardFile(d.name), t.origin ?? d.origin, hint);

export const dashboardError = (rule: string, d: DashboardDef, message: string, hint?: string, filter?: string): Diagnostic =>
  make(rule, filter === undefined ? `dashboard ${d.name}` : `dashboard ${d.name} / filter ${filter}`, message, dashboardFile(d.name), d.origin, hint);

/** A tile's display name: the title of a query tile, the title text or name of a text tile. */
export function tileTitle(t: DashboardElement): string {
  return t.kind === 'query' ? (t.title ?? t.name) : (t.titleText ?? t.name);
}
