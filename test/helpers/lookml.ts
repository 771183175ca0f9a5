/**
 * The independent LookML parser (`lookml-parser`), loaded through require (it ships no types).
 * Note the 7.1.3 bug: `extends` and refinements are applied only when
 * `transformations: { applyExtensionsRefinements: true }` is passed explicitly.
 */
import { createRequire } from 'node:module';

/** Parser output is untyped JSON; tests read it with known keys. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = { [key: string]: any };

interface LookmlParser {
  parse(text: string, options?: object): Node;
  parseFiles(options: {
    source: readonly { path: string; content: string }[];
    fileOutput?: 'by-name' | 'array' | 'by-type' | 'none';
    transformations?: { applyExtensionsRefinements?: boolean; removeAbstract?: boolean };
    console?: unknown;
  }): Promise<Node>;
}

const require = createRequire(import.meta.url);
export const lookmlParser = require('lookml-parser') as LookmlParser;

/** Parses one `.lkml` text; throws the parser's error (with line and column) when it fails. */
export function parseLookml(text: string): Node {
  try {
    return lookmlParser.parse(text);
  } catch (error) {
    const e = error as { toString(): string; context?: unknown };
    throw new Error(`lookml-parser: ${e.toString()}\n${String(e.context ?? '')}`);
  }
}

/**
 * Parses the `.lkml`/`.lookml` files of a project in memory with extends/refinements applied. Fails (throws) when any file
 * does not parse, so callers never compare against a half-parsed project.
 */
export async function parseProject(files: readonly { path: string; content: string }[], options: { removeAbstract?: boolean } = {}): Promise<Node> {
  // (Passing an array as `console` crashes 7.1.3: `mockConsole is not defined`.)
  const warnings: unknown[][] = [];
  const quiet = { log: (...a: unknown[]) => warnings.push(a), warn: (...a: unknown[]) => warnings.push(a), error: (...a: unknown[]) => warnings.push(a) };
  const project = await lookmlParser.parseFiles({
    source: files.filter((f) => /\.(lkml|lookml)$/.test(f.path)).map((f) => ({ path: f.path, content: f.content })),
    transformations: { applyExtensionsRefinements: true, removeAbstract: options.removeAbstract ?? false },
    console: quiet,
  });
  if (project['errors']) {
    const errs = (project['errors'] as Node[]).map((f) => `${f['$file_path']}: ${String(f['error']?.toString?.() ?? f['error'])}`);
    throw new Error(`lookml-parser could not parse:\n${errs.join('\n')}`);
  }
  return project;
}

/** The file entry of a parsed project: `views/x.view.lkml` → project.file['views/x.view']. */
export function parsedFile(project: Node, path: string): Node {
  const key = path.replace(/\.(lkml|lookml)$/, '');
  const file = project['file']?.[key] as Node | undefined;
  if (!file) throw new Error(`parsed project has no file ${key} (has: ${Object.keys(project['file'] ?? {}).join(', ')})`);
  return file;
}

/** `sql` values keep their surrounding whitespace in the parser; compare trimmed. */
export const trimmed = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : v);

/** A parsed node without the parser's `$type`/`$name`/`$strings`/`$file_*` keys, recursively. */
export function stripMeta(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMeta);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, stripMeta(v)]));
}
