import { describe, expect, it } from 'vitest';
import { dateFilterRange, filterToSql, UnsupportedFilterError } from '../../../../generator/query/filters/index.js';

const now = new Date('2024-03-06T15:45:12Z');
const where = 'dashboard console_login_overview / tile "Failed logins" / filter cloudtrail_logs.event_date';

describe('unsupported expressions throw UnsupportedFilterError', () => {
  it.each<['string' | 'number' | 'yesno' | 'date', string, RegExp]>([
    ['string', 'foo^', /grammar does not accept it/],
    ['string', 'a,', /grammar does not accept it/],
    ['string', 'C:\\temp', /backslashes/],
    ['string', '%"a b"%', /quoted operands/],
    ['string', '{{ _user_attributes["team"] }}', /user_attribute/],
    ['number', 'abc', /grammar does not accept it/],
    ['number', '-NULL', /NOT NULL/],
    ['number', '<5 OR >10', /mis-parsed/],
    ['number', '!=5', /grammar does not accept it/],
    ['yesno', 'maybe', /only "Yes" or "No"/],
    ['yesno', 'Yes,No', /only "Yes" or "No"/],
    ['date', 'garbage', /grammar does not accept it/],
    ['date', 'last 3 days', /"last N units" is ambiguous/],
    ['date', 'monday', /day-of-week/],
    ['date', 'today for 3 days', /loses its starting day/],
    ['date', 'FY2024', /fiscal/],
    ['date', 'this fiscal quarter', /fiscal/],
    ['date', '2024-02-30', /not a valid date/],
    ['date', 'before now', /grammar does not accept it/],
  ])('%s %j', (type, expression, reason) => {
    let error: unknown;
    try {
      filterToSql({ expression, type, sql: 't.x', now, where });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedFilterError);
    const message = (error as Error).message;
    expect(message).toContain(JSON.stringify(expression));
    expect(message).toContain(`${type} filter`);
    expect(message).toContain(where);
    expect(message).toMatch(reason);
  });

  it('names the expression, type and context in the message', () => {
    expect(() => filterToSql({ expression: 'garbage', type: 'date', sql: 't.x', now, where })).toThrow(
      `Unsupported date filter expression "garbage" (at ${where}): the Looker date filter grammar does not accept it`,
    );
  });

  it('rejects an unknown field type from an untyped caller', () => {
    const input = { expression: 'x', type: 'tier', sql: 't.x', now } as unknown as Parameters<typeof filterToSql>[0];
    expect(() => filterToSql(input)).toThrow(UnsupportedFilterError);
  });

  it('rejects an invalid now', () => {
    expect(() => filterToSql({ expression: '7 days', type: 'date', sql: 't.x', now: new Date('nope') })).toThrow(/now/);
  });

  it('dateFilterRange throws too', () => {
    expect(() => dateFilterRange('monday', now, where)).toThrow(UnsupportedFilterError);
  });
});
