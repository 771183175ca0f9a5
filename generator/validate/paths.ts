/** How findings name places in the model, and the generated file each place lands in. */

export const fieldPath = (view: string, field: string): string => `view ${view} / field ${field}`;
export const explorePath = (explore: string): string => `explore ${explore}`;
export const joinPath = (explore: string, join: string): string => `explore ${explore} / join ${join}`;
export const tilePath = (dashboard: string, title: string): string => `dashboard ${dashboard} / tile "${title}"`;

export const viewFile = (view: string): string => `views/${view}.view.lkml`;
export const exploreFile = (explore: string): string => `explores/${explore}.explore.lkml`;
export const dashboardFile = (dashboard: string): string => `dashboards/${dashboard}.dashboard.lookml`;

/**
 * Exemption paths (what `block.exempt({ rule, path, reason })` names), one form per place:
 * `view/<view>`, `<view>/<field>`, `explore/<explore>`, `explore/<explore>/<join>`,
 * `dashboard/<dashboard>`, `<dashboard>/<tile name>`.
 */
export const exemptView = (view: string): string => `view/${view}`;
export const exemptField = (view: string, field: string): string => `${view}/${field}`;
export const exemptExplore = (explore: string): string => `explore/${explore}`;
export const exemptJoin = (explore: string, join: string): string => `explore/${explore}/${join}`;
export const exemptDashboard = (dashboard: string): string => `dashboard/${dashboard}`;
export const exemptTile = (dashboard: string, tile: string): string => `${dashboard}/${tile}`;
