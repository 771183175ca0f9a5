/**
 * Files a DuckDB query reads, from its physical plan: every READ_JSON / READ_PARQUET node prints
 * "Scanning Files: n/m" when filters pruned the file list (the box may wrap the numbers onto the
 * next line). This is DuckDB's own account of what it opens, the local twin of Athena's
 * partition pruning.
 */

export interface FilesScanned {
  /** Files read, summed over every scan of the plan. */
  readonly read: number;
  /** Files the scans could have read. */
  readonly total: number;
  /** Scans that printed the counts (0: no pruning filter reached a scan). */
  readonly scans: number;
}

/** Strips the box-drawing characters and joins wrapped cells, then sums every "Scanning Files: n/m". */
export function filesScanned(plan: string): FilesScanned {
  const text = plan.replace(/[│┌┐└┘├┤┬┴─┼]/g, ' ').replace(/\s+/g, ' ');
  let read = 0;
  let total = 0;
  let scans = 0;
  for (const m of text.matchAll(/Scanning Files: (\d+)\/(\d+)/g)) {
    read += Number(m[1]);
    total += Number(m[2]);
    scans++;
  }
  return { read, total, scans };
}
