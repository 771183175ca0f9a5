/** The CLI's output seam: commands write through this, so tests can capture it. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Working directory the command resolves relative paths against. */
  readonly cwd: string;
  /** Whether stderr is an interactive terminal (progress lines are shown only then). */
  readonly isTty: boolean;
}

export const processIo = (): CliIo => ({
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  cwd: process.cwd(),
  isTty: Boolean(process.stderr.isTTY),
});
