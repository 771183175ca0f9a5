/** IR → every output file, sorted by path. Pure: no disk access. */
import type { ProjectIR } from '../ir/project-ir.js';
import type { FileOutput } from './file-output.js';
import { renderExplore, renderManifest, renderModel, renderView } from './render-lookml.js';
import { renderDashboard } from './render-dashboard.js';
import { renderAthenaFile } from './render-athena.js';

export async function renderProject(project: ProjectIR): Promise<FileOutput[]> {
  const files: FileOutput[] = [
    renderManifest(project),
    renderModel(project),
    ...project.views.map(renderView),
    ...project.explores.map(renderExplore),
    ...(await Promise.all(project.dashboards.map((d) => renderDashboard(d, project.model.name)))),
    ...project.athena.map(renderAthenaFile),
  ];
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`two outputs would be written to ${f.path}; names must be unique`);
    seen.add(f.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
