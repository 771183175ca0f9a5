/** Reads an output folder: generated files (by their header) and everything else. */
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isGeneratedText } from '../render/header.js';

export interface OutputScan {
  /** Relative path → content, for files that carry the generated header. */
  readonly generated: ReadonlyMap<string, string>;
  /** Relative paths of every other file (a person's files: never replaced or removed). */
  readonly userFiles: ReadonlySet<string>;
}

/** Files of these kinds may be generated; anything else is a person's file without reading it. */
const GENERATED_EXTENSIONS = ['.lkml', '.lookml', '.sql'];

export async function scanOutput(out: string): Promise<OutputScan> {
  const generated = new Map<string, string>();
  const userFiles = new Set<string>();
  for (const abs of await listFiles(out)) {
    const rel = relative(out, abs).split(sep).join('/');
    if (GENERATED_EXTENSIONS.some((e) => rel.endsWith(e))) {
      const text = await fs.readFile(abs, 'utf8');
      if (isGeneratedText(text)) {
        generated.set(rel, text);
        continue;
      }
    }
    userFiles.add(rel);
  }
  return { generated, userFiles };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat().sort();
}
