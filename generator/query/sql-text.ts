/** Small helpers that keep generated SQL readable without changing its meaning. */

/** True when `(` at 0 closes at the very end (so the whole text is one parenthesised group). */
function wrappedWhole(s: string): boolean {
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0 && i < s.length - 1) return false;
  }
  return depth === 0;
}

/** A column path, a literal or a single function call needs no parentheses around it. */
const ATOM = /^(?:[A-Za-z_][A-Za-z0-9_]*(?:\."?[A-Za-z_][A-Za-z0-9_]*"?)*|'(?:[^']|'')*'|-?\d+(?:\.\d+)?)$/;
const CALL = /^[A-Za-z_][A-Za-z0-9_]*\(/;

/** Parenthesises an expression unless it is already atomic or wrapped. */
export function paren(expr: string): string {
  const s = expr.trim();
  if (ATOM.test(s) || wrappedWhole(s)) return s;
  if (CALL.test(s) && wrappedWhole(s.slice(s.indexOf('(')))) return s;
  return `(${s})`;
}
