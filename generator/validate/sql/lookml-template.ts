/**
 * Turns a LookML `sql:` fragment into neutral SQL the Trino grammar can check, keeping a map
 * from every generated offset back to the original fragment.
 *
 * Looker substitutes `${…}` references and renders Liquid before any SQL exists, and it does so
 * textually (inside SQL strings and comments too), so this runs on raw text, ahead of any SQL
 * tokenizing. The mapping:
 *
 * | original                                 | neutral SQL                               |
 * |------------------------------------------|-------------------------------------------|
 * | `${TABLE}`                               | `lkml_table` (the alias the wrapper uses)  |
 * | `${view.SQL_TABLE_NAME}`                 | `lkml_sql_table_name` (a table name)       |
 * | `${field}`, `${view.field}`              | `lkml_ref` (a column reference)            |
 * | `{{ … }}` output                          | `lkml_liquid` (identifier; inside a string it is just string text) |
 * | `{% parameter p %}`, `{% date_start f %}`, `{% date_end f %}` | `lkml_liquid`           |
 * | `{% condition f %} sql {% endcondition %}` | `( sql IS NOT NULL)`: a boolean built on the inner SQL |
 * | `{% if %}…{% elsif %}…{% else %}…{% endif %}`, `{% unless %}`, `{% case %}{% when %}` | one branch per variant (see below) |
 * | `{% comment %}…{% endcomment %}`, `{% capture %}…{% endcapture %}` | removed with their body |
 * | any other tag (`assign`, `for`, `raw`, …) | removed, body kept                        |
 *
 * Branches: Liquid keeps exactly one branch of each if/case chain, so a fragment is rendered as
 * several variants; variant k keeps branch k of every chain (or the chain's last branch when it
 * has fewer). Every branch is thus checked at least once, and each variant is SQL Looker could
 * really produce. A chain without `else` has an extra, empty branch.
 */

/** A piece of generated text and the original range it stands for. */
interface Segment {
  readonly genStart: number;
  readonly genEnd: number;
  readonly origStart: number;
  readonly origEnd: number;
  /** Copied text maps character by character; replacements map to their original start. */
  readonly copied: boolean;
}

/** Generated text plus the map back to the original. */
export class MappedText {
  constructor(
    readonly text: string,
    private readonly segments: readonly Segment[],
    private readonly originalLength: number,
  ) {}

  /** Original offset for a generated offset; offsets past the end map to the original end. */
  toOriginal(genOffset: number): number {
    for (const s of this.segments) {
      if (genOffset < s.genStart || genOffset >= s.genEnd) continue;
      return s.copied ? s.origStart + (genOffset - s.genStart) : s.origStart;
    }
    const last = this.segments[this.segments.length - 1];
    return last === undefined ? this.originalLength : Math.min(last.origEnd, this.originalLength);
  }
}

class MappedTextBuilder {
  private text = '';
  private readonly segments: Segment[] = [];

  constructor(private readonly original: string) {}

  copy(start: number, end: number): void {
    if (end <= start) return;
    this.push(this.original.slice(start, end), start, end, true);
  }

  replace(start: number, end: number, text: string): void {
    if (text === '') return;
    this.push(text, start, end, false);
  }

  private push(text: string, origStart: number, origEnd: number, copied: boolean): void {
    const genStart = this.text.length;
    this.text += text;
    this.segments.push({ genStart, genEnd: this.text.length, origStart, origEnd, copied });
  }

  build(): MappedText {
    return new MappedText(this.text, this.segments, this.original.length);
  }
}

export type TemplateItemKind = 'reference' | 'output' | 'tag';

export interface TemplateItem {
  readonly kind: TemplateItemKind;
  readonly start: number;
  readonly end: number;
  /** Text between the delimiters, trimmed, with Liquid's `-` whitespace control removed. */
  readonly inner: string;
  /** Tag name (`if`, `endif`, `condition` …) for tags; '' otherwise. */
  readonly tag: string;
}

export interface TemplateProblem {
  readonly offset: number;
  readonly message: string;
}

const OPENERS: readonly { open: string; close: string; kind: TemplateItemKind }[] = [
  { open: '${', close: '}', kind: 'reference' },
  { open: '{{', close: '}}', kind: 'output' },
  { open: '{%', close: '%}', kind: 'tag' },
];

/** Finds every `${…}`, `{{…}}` and `{%…%}` in raw text (Looker expands them even inside SQL strings). */
export function findTemplateItems(text: string): { items: TemplateItem[]; problems: TemplateProblem[] } {
  const items: TemplateItem[] = [];
  const problems: TemplateProblem[] = [];
  let i = 0;
  while (i < text.length) {
    const opener = OPENERS.find((o) => text.startsWith(o.open, i));
    if (opener === undefined) {
      i++;
      continue;
    }
    const close = text.indexOf(opener.close, i + opener.open.length);
    if (close === -1) {
      problems.push({ offset: i, message: `unclosed ${opener.open} (no matching ${opener.close})` });
      break;
    }
    const end = close + opener.close.length;
    const inner = text.slice(i + opener.open.length, close).replace(/^-|-$/g, '').trim();
    const tag = opener.kind === 'tag' ? (inner.split(/\s+/)[0] ?? '').toLowerCase() : '';
    items.push({ kind: opener.kind, start: i, end, inner, tag });
    i = end;
  }
  return { items, problems };
}

const CHAIN_OPEN = new Set(['if', 'unless', 'case']);
const CHAIN_BRANCH = new Set(['elsif', 'else', 'when']);
const CHAIN_CLOSE: Readonly<Record<string, string>> = { endif: 'if', endunless: 'unless', endcase: 'case' };
/** Blocks whose body Liquid never emits. */
const SILENT_BLOCKS: Readonly<Record<string, string>> = { comment: 'endcomment', capture: 'endcapture' };
/** Tags that emit a value. */
const VALUE_TAGS = new Set(['parameter', 'date_start', 'date_end']);

interface Chain {
  readonly openItem: number;
  readonly kind: string;
  /** Branch separators seen so far (item indexes), i.e. the number of explicit branches - 1. */
  separators: number;
  hasElse: boolean;
}

/** Number of branches each chain opener has (keyed by item index), and structural problems. */
function analyseChains(items: readonly TemplateItem[]): { branchCounts: Map<number, number>; problems: TemplateProblem[] } {
  const branchCounts = new Map<number, number>();
  const problems: TemplateProblem[] = [];
  const stack: Chain[] = [];
  items.forEach((item, index) => {
    if (item.kind !== 'tag') return;
    if (CHAIN_OPEN.has(item.tag)) {
      stack.push({ openItem: index, kind: item.tag, separators: 0, hasElse: false });
      return;
    }
    const top = stack[stack.length - 1];
    if (CHAIN_BRANCH.has(item.tag)) {
      if (top === undefined) problems.push({ offset: item.start, message: `{% ${item.tag} %} outside an if/case block` });
      else {
        // `case` has a dead zone before its first `when`; that `when` starts branch 0.
        const startsFirstCaseBranch = top.kind === 'case' && item.tag === 'when' && !branchCounts.has(top.openItem);
        if (startsFirstCaseBranch) branchCounts.set(top.openItem, 0);
        else top.separators++;
        if (item.tag === 'else') top.hasElse = true;
      }
      return;
    }
    const opener = CHAIN_CLOSE[item.tag];
    if (opener !== undefined) {
      if (top === undefined || top.kind !== opener) {
        problems.push({ offset: item.start, message: `{% ${item.tag} %} without a matching {% ${opener} %}` });
        return;
      }
      stack.pop();
      branchCounts.set(top.openItem, top.separators + 1 + (top.hasElse ? 0 : 1));
    }
  });
  for (const open of stack) {
    const item = items[open.openItem];
    if (item !== undefined) problems.push({ offset: item.start, message: `{% ${item.tag} %} is never closed` });
  }
  return { branchCounts, problems };
}

/** Neutral replacement for a reference or output item. */
function neutralValue(item: TemplateItem): string {
  if (item.kind === 'output') return 'lkml_liquid';
  if (/^table$/i.test(item.inner)) return 'lkml_table';
  if (/\.sql_table_name$/i.test(item.inner)) return 'lkml_sql_table_name';
  return 'lkml_ref';
}

export interface RenderedFragment {
  /** One rendering per variant (at least one). */
  readonly variants: readonly MappedText[];
  readonly problems: readonly TemplateProblem[];
}

/** Renders a fragment into neutral SQL variants (see the module comment for the mapping). */
export function renderNeutral(fragment: string, maxVariants = 8): RenderedFragment {
  const found = findTemplateItems(fragment);
  const chains = analyseChains(found.items);
  const problems = [...found.problems, ...chains.problems];
  if (chains.problems.length > 0) {
    // Unbalanced Liquid: render every tag as nothing, keeping all text, so SQL errors still show.
    return { variants: [renderVariant(fragment, found.items, new Map(), 0)], problems };
  }
  const count = Math.min(maxVariants, Math.max(1, ...chains.branchCounts.values()));
  const variants = Array.from({ length: count }, (_, k) => renderVariant(fragment, found.items, chains.branchCounts, k));
  return { variants, problems };
}

interface ActiveChain {
  readonly chosen: number;
  branch: number;
  /** `case` before its first `when` emits nothing. */
  inCaseHead: boolean;
}

function renderVariant(text: string, items: readonly TemplateItem[], branchCounts: ReadonlyMap<number, number>, k: number): MappedText {
  const out = new MappedTextBuilder(text);
  const chains: ActiveChain[] = [];
  let silentUntil: string | undefined;
  const active = (): boolean => silentUntil === undefined && chains.every((c) => !c.inCaseHead && c.branch === c.chosen);
  let cursor = 0;
  items.forEach((item, index) => {
    if (active()) out.copy(cursor, item.start);
    cursor = item.end;
    if (silentUntil !== undefined) {
      if (item.kind === 'tag' && item.tag === silentUntil) silentUntil = undefined;
      return;
    }
    if (item.kind !== 'tag') {
      if (active()) out.replace(item.start, item.end, neutralValue(item));
      return;
    }
    const count = branchCounts.get(index);
    if (CHAIN_OPEN.has(item.tag) && count !== undefined) {
      chains.push({ chosen: Math.min(k, count - 1), branch: 0, inCaseHead: item.tag === 'case' });
      return;
    }
    const top = chains[chains.length - 1];
    if (CHAIN_BRANCH.has(item.tag) && top !== undefined) {
      if (top.inCaseHead) top.inCaseHead = false;
      else top.branch++;
      return;
    }
    if (CHAIN_CLOSE[item.tag] !== undefined && top !== undefined) {
      chains.pop();
      return;
    }
    if (!active()) return;
    const silentEnd = SILENT_BLOCKS[item.tag];
    if (silentEnd !== undefined) silentUntil = silentEnd;
    else if (item.tag === 'condition') out.replace(item.start, item.end, '(');
    else if (item.tag === 'endcondition') out.replace(item.start, item.end, ' IS NOT NULL)');
    else if (VALUE_TAGS.has(item.tag)) out.replace(item.start, item.end, 'lkml_liquid');
  });
  if (active()) out.copy(cursor, text.length);
  return out.build();
}
