/** Exit codes of every command. */
export const EXIT_OK = 0;
/** Findings: stale output, failed checks, failing queries. */
export const EXIT_FINDINGS = 1;
/** Usage or environment error: bad flags, unreadable config, missing credentials. */
export const EXIT_USAGE = 2;
