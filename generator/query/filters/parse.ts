import { parseFilterExpression, type FilterASTNode } from '@looker/filter-expressions';
import { unsupported, type FilterContext } from './errors.js';

export type GrammarType = 'string' | 'number' | 'date';

/**
 * Parse with Looker's own grammar (@looker/filter-expressions). The library never throws: an
 * expression its grammar rejects comes back as a `matchesAdvanced` node, and user attributes
 * as `user_attribute` nodes. Both are errors for us: we cannot know what Looker would do.
 */
export function parseOrThrow(grammar: GrammarType, ctx: FilterContext): FilterASTNode {
  if (grammar === 'string' && ctx.expression.includes('\\')) {
    // The library applies JSON-style backslash escapes (`\b` becomes a backspace); Looker's
    // documented escape character is `^`. Refuse rather than guess which one Looker applies.
    throw unsupported(ctx, 'backslashes are not supported in string filters (Looker escapes with ^)');
  }
  const ast = parseFilterExpression(grammar, ctx.expression);
  if (ast.type === 'matchesAdvanced') {
    throw unsupported(ctx, `the Looker ${grammar} filter grammar does not accept it`);
  }
  return ast;
}

/**
 * Flatten the right-leaning `,` tree into its terms. Looker reads a comma list as:
 * positive terms OR-ed together, negative terms AND-ed, and the two groups AND-ed.
 */
export function listTerms(ast: FilterASTNode): FilterASTNode[] {
  if (ast.type !== ',') return [ast];
  const { left, right } = ast;
  if (!left || !right) throw new Error('internal: list node without both sides');
  return [...listTerms(left), ...listTerms(right)];
}

/** Combine translated terms with Looker's list rule (see `listTerms`). */
export function combineLooker(
  terms: readonly { positive: boolean; sql: string }[],
  and: (parts: readonly string[]) => string,
  or: (parts: readonly string[]) => string,
): string {
  const positives = terms.filter((t) => t.positive).map((t) => t.sql);
  const negatives = terms.filter((t) => !t.positive).map((t) => t.sql);
  const groups: string[] = [];
  if (positives.length > 0) groups.push(or(positives));
  groups.push(...negatives);
  return and(groups);
}

/** A node's `is` flag; grammar terms default to positive when the flag is absent. */
export function isPositive(node: FilterASTNode): boolean {
  return node['is'] !== false;
}
