/**
 * Handlebars set-up: templates live in templates/, helpers call escape.ts and lookml-syntax.ts.
 * Templates hold layout only; no escaping logic.
 */
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commentText, ddlLiteral, quoteLookml } from './escape.js';
import { serialize, serializeBody, type LkmlParam } from './lookml-syntax.js';

const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type TemplateName =
  | 'lookml/view.lkml'
  | 'lookml/explore.lkml'
  | 'lookml/model.lkml'
  | 'lookml/manifest.lkml'
  | 'dashboards/dashboard.lookml'
  | 'athena/create-table.sql'
  | 'athena/script.sql';

const hbs = Handlebars.create();
hbs.registerHelper('quote', (value: string) => quoteLookml(value));
hbs.registerHelper('lkml', (param: LkmlParam, depth: number, where: string) => serialize(param, depth, where));
hbs.registerHelper('lkmlBody', (entries: LkmlParam[], depth: number, where: string) => serializeBody(entries, depth, where));
hbs.registerHelper('comment', (value: string) => commentText(value));
hbs.registerHelper('literal', (value: string, options: Handlebars.HelperOptions) =>
  ddlLiteral(value, String(options.data?.root?.where ?? 'athena DDL')));

const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

/** Renders a template; `noEscape` because LookML and SQL are not HTML. */
export function renderTemplate(name: TemplateName, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(`${TEMPLATE_DIR}${name}.hbs`, 'utf8');
    template = hbs.compile(source, { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return normalizeNewlines(template(data));
}

/** One trailing newline, no runs of blank lines: stable, diff-friendly files. */
function normalizeNewlines(text: string): string {
  return `${text.replace(/\n{3,}/g, '\n\n').replace(/\s+$/, '')}\n`;
}
