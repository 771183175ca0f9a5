/** What rendering produces: a path relative to the output folder and the file's full text. */
export interface FileOutput {
  readonly path: string;
  readonly content: string;
}
