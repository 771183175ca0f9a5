export { filterToSql, type FilterFieldType, type FilterToSqlInput } from './filter-to-sql.js';
export { dateFilterRange, partitionDayRange, timestampLiteral, type DateRange } from './date-filter.js';
export { UnsupportedFilterError } from './errors.js';
