/**
 * `@{NAME}` is replaced by the manifest constant NAME wherever LookML takes a string; an unknown
 * name is a Looker IDE error ("constant not found") in every file that uses it. Checked in the
 * model connection, includes, sql_table_name and every SQL fragment.
 */
import { sqlToLookml } from '../../vocabulary/sql.js';
import type { ProjectIR } from '../../ir/project-ir.js';
import type { Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../diagnostics.js';
import { viewFile } from '../paths.js';
import { sqlFragments } from './structure.js';

const RULE = 'unknown-constant';

function usedConstants(text: string): string[] {
  return [...text.matchAll(/@\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
}

/** Every place a constant can be used, with its model path and generated file. */
function* constantSites(project: ProjectIR): Generator<{ where: string; param: string; text: string; file: string; origin?: string | undefined }> {
  const modelFile = `${project.model.name}.model.lkml`;
  yield { where: `model ${project.model.name}`, param: 'connection', text: project.model.connection, file: modelFile };
  for (const inc of project.model.includes) yield { where: `model ${project.model.name}`, param: 'include', text: inc, file: modelFile };
  for (const v of project.views) {
    if (v.source.kind === 'table') yield { where: `view ${v.name}`, param: 'sql_table_name', text: v.source.sqlTableName, file: viewFile(v.name), origin: v.origin };
  }
  for (const frag of sqlFragments(project)) yield { where: frag.where, param: frag.param, text: sqlToLookml(frag.sql), file: frag.file, origin: frag.origin };
}

export function checkConstants(project: ProjectIR): Diagnostic[] {
  const defined = Object.keys(project.manifest.constants);
  const out: Diagnostic[] = [];
  for (const site of constantSites(project)) {
    for (const name of usedConstants(site.text)) {
      if (defined.includes(name)) continue;
      out.push({
        rule: RULE, severity: 'error', where: site.where, file: site.file, ...(site.origin ? { origin: site.origin } : {}),
        message: `${site.param} uses @{${name}}, which is not a constant of the manifest${didYouMean(name, defined)}`,
        hint: 'define it with withManifest({ constants: { … } }) or fix the name',
      });
    }
  }
  return out;
}
