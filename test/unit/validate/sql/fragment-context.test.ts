import { describe, expect, it } from 'vitest';
import { checkFragment } from '../../../../generator/validate/sql/fragment-context.js';
import { renderNeutral } from '../../../../generator/validate/sql/lookml-template.js';

/** Positions only: grammar messages carry ANTLR hints that vary, positions must not. */
const where = (issues: readonly { line: number; column: number; rule: string }[]) => issues.map((i) => [i.line, i.column, i.rule]);

describe('checkFragment: good fragments in each context', () => {
  const good: [Parameters<typeof checkFragment>[0]['kind'], string][] = [
    ['dimension', "json_extract_scalar(${TABLE}.requestparameters, '$.bucketName')"],
    ['dimension', '${TABLE}.useridentity.sessioncontext.sessionissuer.arn'],
    ['dimension', "CASE WHEN ${error_code} IS NULL THEN 'success' ELSE 'error' END"],
    ['dimension', 'from_iso8601_timestamp(${TABLE}."eventtime")'],
    ['measure', 'COUNT(DISTINCT ${TABLE}.eventid)'],
    ['measure', 'approx_distinct(${cloudtrail_logs.user_arn})'],
    ['filter', "${TABLE}.errorcode = 'AccessDenied'"],
    ['sql_always_where', "${TABLE}.\"timestamp\" >= date_format(current_date - interval '30' day, '%Y/%m/%d')"],
    ['sql_on', '${cloudtrail_logs.eventid} = ${resources.eventid}'],
    ['derived_table', 'SELECT eventid, r.arn FROM ${cloudtrail_logs.SQL_TABLE_NAME} CROSS JOIN UNNEST(resources) AS r(arn, accountid, type)'],
    ['statement', 'WITH x AS (SELECT 1 AS a) SELECT a FROM x'],
  ];
  for (const [kind, sql] of good) {
    it(`${kind}: ${sql}`, () => {
      expect(checkFragment({ kind, sql })).toEqual([]);
    });
  }

  it('accepts Liquid outputs, condition blocks and both if/else branches', () => {
    const sql = `{% if cloudtrail_logs.region._in_query %}
  \${TABLE}.region = '{{ _user_attributes['region'] }}'
{% else %}
  {% condition region_filter %} \${TABLE}.awsregion {% endcondition %}
{% endif %}`;
    expect(checkFragment({ kind: 'sql_always_where', sql })).toEqual([]);
  });
});

describe('checkFragment: planted errors at original positions', () => {
  it('dimension: error after ${view.field} on line 3 maps past the substitution', () => {
    // `||` is concatenation; the third '|' (column 23 of the original line) is the error.
    const sql = "CASE\n  WHEN ${TABLE}.errorcode IS NULL THEN 'ok'\n  ELSE ${view.code} ||| 'x'\nEND";
    expect(where(checkFragment({ kind: 'dimension', sql }))).toEqual([[3, 23, 'syntax']]);
  });

  it('dimension: missing closing paren → unbalanced at the "(" and incomplete at the end', () => {
    expect(where(checkFragment({ kind: 'dimension', sql: "concat(${TABLE}.a, 'x'" }))).toEqual([
      [1, 7, 'fragment'],
      [1, 23, 'syntax'],
    ]);
  });

  it('dimension: trailing -- comment would swallow the SQL Looker appends', () => {
    expect(checkFragment({ kind: 'dimension', sql: '${TABLE}.a -- note' })).toEqual([
      {
        line: 1,
        column: 12,
        message: 'the fragment ends with a -- comment, which would comment out the SQL Looker appends after it; use /* */',
        rule: 'fragment',
      },
    ]);
  });

  it('dimension: two expressions (top-level comma)', () => {
    expect(where(checkFragment({ kind: 'dimension', sql: '${TABLE}.a, ${TABLE}.b' }))).toEqual([[1, 11, 'fragment']]);
  });

  it('dimension: unknown function keeps its original column after ${TABLE}', () => {
    expect(checkFragment({ kind: 'dimension', sql: "${TABLE}.a || strftime(${TABLE}.t, '%Y')" })).toEqual([
      { line: 1, column: 15, message: 'unknown function strftime(); did you mean date_format?', rule: 'unknown-function' },
    ]);
  });

  it('measure: ILIKE inside an aggregate', () => {
    const issues = checkFragment({ kind: 'measure', sql: "COUNT_IF(\n  ${TABLE}.eventname ILIKE 'get%'\n)" });
    expect(issues[0]).toMatchObject({ line: 2, column: 22, rule: 'dialect' });
  });

  it('filter: dangling AND is reported at the end of the fragment', () => {
    expect(where(checkFragment({ kind: 'filter', sql: "${TABLE}.errorcode = 'x' AND" }))).toEqual([[1, 29, 'syntax']]);
  });

  it('sql_on: unbalanced ")" that the ON (...) wrapper would otherwise absorb', () => {
    expect(where(checkFragment({ kind: 'sql_on', sql: '${a.id} = ${b.id}) OR (${a.x} = 1' }))).toEqual([
      [1, 18, 'fragment'],
      [1, 23, 'fragment'],
    ]);
  });

  it('sql_always_where: error in the else branch of Liquid is found on its line', () => {
    const sql = "{% if cloudtrail.region._in_query %}\n${TABLE}.region = '{{ _user_attributes['region'] }}'\n{% else %}\n1 = = 1\n{% endif %}";
    expect(where(checkFragment({ kind: 'sql_always_where', sql }))).toEqual([[4, 5, 'syntax']]);
  });

  it('derived_table: trailing ";" and backticks', () => {
    expect(where(checkFragment({ kind: 'derived_table', sql: 'SELECT `eventname`\nFROM cloudtrail_logs;' }))).toEqual([
      [1, 8, 'backtick'],
      [2, 21, 'fragment'],
    ]);
  });

  it('derived_table: trailing comma in GROUP BY points at the end of the fragment', () => {
    const sql = 'SELECT eventname, COUNT(*) AS n\nFROM ${cloudtrail_logs.SQL_TABLE_NAME}\nGROUP BY 1,';
    expect(where(checkFragment({ kind: 'derived_table', sql }))).toEqual([[3, 12, 'syntax']]);
  });

  it('statement: GROUP BY ALL and a Liquid parameter', () => {
    const sql = 'SELECT {% parameter dim %}, count(*)\nFROM t\nGROUP BY ALL';
    expect(where(checkFragment({ kind: 'statement', sql }))).toEqual([
      [3, 10, 'dialect'],
      [3, 13, 'syntax'],
    ]);
  });

  it('broken Liquid is reported where it starts', () => {
    expect(where(checkFragment({ kind: 'dimension', sql: '{% if x %}${TABLE}.a' }))).toEqual([[1, 1, 'fragment']]);
    expect(checkFragment({ kind: 'dimension', sql: '${TABLE}.a {% endif %}' })[0]).toMatchObject({
      line: 1,
      column: 12,
      message: 'Liquid/LookML: {% endif %} without a matching {% if %}',
    });
  });
});

describe('renderNeutral', () => {
  it('renders one variant per branch, with an implicit empty else', () => {
    expect(renderNeutral('{% if a %}x{% elsif b %}y{% endif %} ${TABLE}.c').variants.map((v) => v.text)).toEqual([
      'x lkml_table.c',
      'y lkml_table.c',
      ' lkml_table.c',
    ]);
  });

  it('renders case/when, drops comments, maps table names and fields', () => {
    const rendered = renderNeutral(
      "{% comment %}x({% endcomment %}{% case p._parameter_value %}{% when 'a' %}${v.f}{% else %}${v.SQL_TABLE_NAME}{% endcase %}",
    );
    expect(rendered.variants.map((v) => v.text)).toEqual(['lkml_ref', 'lkml_sql_table_name']);
  });

  it('maps generated offsets back to the original', () => {
    const [variant] = renderNeutral('${TABLE}.abc').variants;
    expect(variant?.text).toBe('lkml_table.abc');
    expect(variant?.toOriginal(0)).toBe(0); // inside the replacement → its start
    expect(variant?.toOriginal(11)).toBe(9); // 'a' of abc
  });
});
