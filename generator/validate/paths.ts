/** How findings name places in the model, and the generated file each place lands in. */

export const fieldPath = (view: string, field: string): string => `view ${view} / field ${field}`;
export const explorePath = (explore: string): string => `explore ${explore}`;
export const tilePath = (dashboard: string, title: string): string => `dashboard ${dashboard} / tile "${title}"`;

export const viewFile = (view: string): string => `views/${view}.view.lkml`;
export const exploreFile = (explore: string): string => `explores/${explore}.explore.lkml`;
export const dashboardFile = (dashboard: string): string => `dashboards/${dashboard}.dashboard.lookml`;
