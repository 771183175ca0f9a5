/** The printed table: one line per measurement, then the goals with met / not met. */
import type { BenchResults } from './bench.js';

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

const ms = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(1)} ms`);
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export function formatResults(r: BenchResults): string {
  const rows: string[][] = [['section', 'measurement', 'value']];
  if (r.compile) {
    const c = r.compile;
    rows.push(['compile', `CloudTrail block (${c.block.views} views, ${c.block.fields} fields, ${c.block.files} files)`, `${ms(c.block.median_ms)} median of ${c.block.runs}`]);
    for (const s of c.synthetic) {
      rows.push(['compile', `synthetic ${s.views} views × ${s.fields / s.views} fields (${s.explores} explores, ${s.tiles} tiles)`, `${ms(s.median_ms)}  [ir ${ms(s.stages_ms.ir)} · checks ${ms(s.stages_ms.checks)} · render ${ms(s.stages_ms.render)}]`]);
    }
    rows.push(['compile', 'ratio 1000/100 views', c.ratio_1000_100 === null ? `— (largest: ${c.ratio_largest.to}/${c.ratio_largest.from} = ${c.ratio_largest.ratio})` : String(c.ratio_1000_100)]);
  }
  if (r.validation) {
    const v = r.validation;
    rows.push(['validation', `clean block: ${v.explores} explores, ${v.tiles} tiles`, `${v.clean.queries} queries (${v.queries_per_clean_explore} per explore, ${v.clean.failures} failures)`]);
    for (const f of v.faults) rows.push(['validation', `k=${f.k} ${f.placement} among n=${f.n}`, `${f.queries} queries (bound ${f.bound}), ${f.faults_named} named`]);
  }
  const s = r.scale;
  if (s?.generation) {
    const g = s.generation;
    rows.push(['scale', `generate ${g.events.toLocaleString('en')} events, ${g.files} files${g.reused ? ' (reused)' : ''}`, `${ms(g.ms)} (${g.events_per_s.toLocaleString('en')} ev/s), ${mb(g.bytes_gz)} gz / ${mb(g.bytes_json)} json`]);
    rows.push(['scale', `open engine (probe ${s.records_loaded?.toLocaleString('en')} records)`, ms(s.engine_open_ms)]);
    for (const d of s.dashboards ?? []) rows.push(['scale', `dashboard ${d.dashboard}${d.reference ? ' (bench reference)' : ''}: ${d.tiles} tiles${d.failed ? `, ${d.failed} failed` : ''}`, ms(d.ms)]);
    const p = s.pruning;
    if (p) rows.push(['scale', `files read, 7 days vs all (plan)`, `${p.files_7_days.read}/${p.files_all.scans > 0 ? p.files_all.read : (s.generation?.files ?? '?')} = ${s.pruning_read_fraction} (expected ${p.expected_fraction})`]);
  }
  if (s?.parquet) {
    const p = s.parquet;
    rows.push(['parquet', `convert to ${p.files} Parquet files (${mb(p.bytes)})`, ms(p.convert_ms)]);
    rows.push(['parquet', 'all tiles: JSON.gz vs Parquet', `${ms(p.json_total_ms)} vs ${ms(p.parquet_total_ms)} → ×${p.parquet_speedup}`]);
    rows.push(['parquet', 'files read, 7 days (plan)', `${p.pruning.files_7_days.read}/${p.pruning.files_7_days.total}`]);
  }
  for (const o of [s?.overhead?.json, s?.overhead?.parquet]) {
    if (!o) continue;
    for (const t of o.tiles) {
      rows.push(['overhead', `${o.engine} ${t.tile} (rows ${t.same_rows}/${t.same_rows_athena_fns})`, `${ms(t.generated_ms)} vs ${ms(t.handwritten_ms)} → ${t.ratio} (same fns ${ms(t.handwritten_athena_fns_ms)} → ${t.ratio_athena_fns})`]);
    }
    rows.push(['overhead', `${o.engine} median ratio (vs idiomatic / vs same functions)`, `${o.generated_vs_handwritten} / ${o.generated_vs_handwritten_athena_fns}`]);
  }
  for (const k of s?.format_planning?.cases ?? []) {
    rows.push(['overhead', `planning: ${k.name} (macro vs rewritten, median of ${s!.format_planning!.runs})`, `${ms(k.macro_ms)} vs ${ms(k.rewritten_ms)} → ×${k.speedup}`]);
  }
  if (s?.memory) rows.push(['memory', `validate CLI (${s.memory.method}, ${s.memory.queries} queries, exit ${s.memory.exit_code})`, `${s.memory.peak_rss_mb} MB peak RSS, ${ms(s.memory.wall_ms)}, memory limit ${s.memory.memory_limit}`]);

  const goals: string[][] = [['goal', 'target', 'actual', 'met']];
  for (const g of r.goals) goals.push([g.key, g.goal, String(g.value ?? '—'), g.met === null ? '—' : g.met ? 'yes' : 'NO']);
  return `${table(rows)}\n\n${table(goals)}\n\n${r.meta.size} run, ${(r.meta.total_ms / 1000).toFixed(1)} s on ${r.meta.machine.nproc} × ${r.meta.machine.cpu}, node ${r.meta.machine.node}, load average ${r.meta.machine.loadavg.join(' / ')}`;
}
