/**
 * Where a definition was written in the TypeScript model, so a finding can point at the source
 * line a user edits rather than only at the generated file.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `model/views/cloudtrail-logs.view.ts:42`, relative to the working directory. */
export type Origin = string;

const VOCABULARY_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The first stack frame outside the vocabulary: the user's (or model's) call site. */
export function captureOrigin(): Origin | undefined {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, captureOrigin);
  for (const line of (holder.stack ?? '').split('\n').slice(1)) {
    // The path must follow `at ` or `(`: `node:internal/…` and `data:` frames are not files.
    const frame = /(?:^at |\()((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/.exec(line.trim());
    if (!frame) continue;
    const file = frame[1]!.startsWith('file://') ? fileURLToPath(frame[1]!) : frame[1]!;
    if (file.startsWith(VOCABULARY_DIR) || file.includes('/node_modules/')) continue;
    return `${relative(process.cwd(), file)}:${frame[2]}`;
  }
  return undefined;
}
