/**
 * LookML syntax as data: a parameter is quoted, bare, a `;;` block, a list, a filter map or a
 * nested block. `serialize` is the one printer; it calls escape.ts for every value.
 */
import { bare, blockName, quoteLookml, sqlBlock } from './escape.js';

export type LkmlValue =
  | { readonly t: 'quoted'; readonly v: string }
  | { readonly t: 'bare'; readonly v: string }
  | { readonly t: 'sql'; readonly v: string }
  | { readonly t: 'list'; readonly items: readonly LkmlValue[] }
  | { readonly t: 'map'; readonly entries: readonly (readonly [string, string])[] }
  | { readonly t: 'block'; readonly name?: string; readonly params: readonly LkmlParam[] };

export interface LkmlParam {
  readonly key: string;
  readonly value: LkmlValue;
}

export const quoted = (v: string): LkmlValue => ({ t: 'quoted', v });
export const bareValue = (v: string): LkmlValue => ({ t: 'bare', v });
export const yesNo = (v: boolean): LkmlValue => ({ t: 'bare', v: v ? 'yes' : 'no' });
export const sqlValue = (v: string): LkmlValue => ({ t: 'sql', v });
export const quotedList = (items: readonly string[]): LkmlValue => ({ t: 'list', items: items.map(quoted) });
export const bareList = (items: readonly string[]): LkmlValue => ({ t: 'list', items: items.map(bareValue) });
export const filterMap = (entries: Readonly<Record<string, string>>): LkmlValue => ({ t: 'map', entries: Object.entries(entries) });
export const block = (params: readonly LkmlParam[], name?: string): LkmlValue =>
  name === undefined ? { t: 'block', params } : { t: 'block', name, params };

/** Builds a parameter list, dropping undefined values so callers can list optional ones inline. */
export function params(...entries: (readonly [string, LkmlValue | undefined] | undefined)[]): LkmlParam[] {
  return entries.filter((e): e is readonly [string, LkmlValue] => e !== undefined && e[1] !== undefined).map(([key, value]) => ({ key, value }));
}

const INDENT = '  ';

/** Prints one parameter at a depth; `where` names the place for error messages. */
export function serialize(param: LkmlParam, depth: number, where: string): string {
  const pad = INDENT.repeat(depth);
  const key = param.key;
  const v = param.value;
  switch (v.t) {
    case 'quoted':
      return `${pad}${key}: ${quoteLookml(v.v)}`;
    case 'bare':
      return `${pad}${key}: ${bare(v.v, `${where} ${key}`)}`;
    case 'sql': {
      const text = sqlBlock(v.v, `${where} ${key}`);
      if (!text.includes('\n')) return `${pad}${key}: ${text} ;;`;
      // Multi-line SQL (derived tables) is indented one step deeper so the file reads as a tree.
      const body = text.split('\n').map((line) => (line.trim() === '' ? '' : `${pad}${INDENT}${line}`)).join('\n');
      return `${pad}${key}:\n${body}\n${pad};;`;
    }
    case 'list':
      return `${pad}${key}: [${v.items.map((i) => inlineValue(i, `${where} ${key}`)).join(', ')}]`;
    case 'map':
      return `${pad}${key}: [${v.entries.map(([k, val]) => `${bare(k, `${where} ${key}`)}: ${quoteLookml(val)}`).join(', ')}]`;
    case 'block': {
      const head = v.name === undefined ? `${pad}${key}: {` : `${pad}${key}: ${blockName(v.name, where)} {`;
      if (v.params.length === 0) return `${head}}`;
      const inner = v.params.map((p) => serialize(p, depth + 1, v.name === undefined ? where : `${where} ${v.name}`));
      return [head, ...inner, `${pad}}`].join('\n');
    }
  }
}

function inlineValue(v: LkmlValue, where: string): string {
  if (v.t === 'quoted') return quoteLookml(v.v);
  if (v.t === 'bare') return bare(v.v, where);
  throw new Error(`${where}: only quoted or bare values can stand in a list`);
}

/** Parameters of one block body: nested blocks are set apart by a blank line for readability. */
export function serializeBody(entries: readonly LkmlParam[], depth: number, where: string): string {
  return entries
    .map((p, i) => (p.value.t === 'block' && i > 0 ? '\n' : '') + serialize(p, depth, where))
    .join('\n');
}
