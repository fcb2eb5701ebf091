/**
 * Statement normalisation for query summaries: literals become `?` so the same query with different
 * values groups together (and values — often personal data — are not stored), comments go, runs of
 * whitespace fold to one space, and lists like `IN (?, ?, …)` collapse to `(?)`.
 */

const MAX_STATEMENT = 2000;

// One token per match: string literal | comment | whitespace | identifier (quoted forms too) | number | other.
const TOKEN =
  /('(?:[^']|'')*'?)|(--[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|(\s+)|([A-Za-z_$@#][\w$@#.]*|"[^"]*"|`[^`]*`|\[[^\]]*\])|(0x[0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)|([\s\S])/g;

/**
 * Recent statements → their normal form. Agents report the same few hundred statements over and over
 * (prepared statements carry `?` already), so a small memo skips the tokenizer on nearly every span.
 * Bounded: cleared when full, and very long texts are not kept.
 */
const MEMO_ENTRIES = 4096;
const MEMO_MAX_TEXT = 4096;
const memo = new Map<string, string>();

export function normaliseSql(sql: string): string {
  const hit = memo.get(sql);
  if (hit !== undefined) return hit;
  const out = tokenise(sql);
  if (sql.length <= MEMO_MAX_TEXT) {
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(sql, out);
  }
  return out;
}

function tokenise(sql: string): string {
  let out = '';
  let pendingSpace = false;
  for (const m of sql.matchAll(TOKEN)) {
    if (m[2] !== undefined || m[3] !== undefined) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && out !== '') out += ' ';
    pendingSpace = false;
    out += m[1] !== undefined || m[5] !== undefined ? '?' : m[0];
  }
  out = out.replace(/\(\s*\?(?:\s*,\s*\?)+\s*\)/g, '(?)');
  return out.length > MAX_STATEMENT ? `${out.slice(0, MAX_STATEMENT)}…` : out;
}
