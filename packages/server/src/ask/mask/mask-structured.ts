/**
 * Masks every string inside a JSON-like value (an ask answer's table, evidence, a report's rows) so
 * the integrator does not have to know where personal data may sit. It follows JSON semantics — what
 * `JSON.stringify` would emit is what gets masked (`toJSON` is honoured, so a Date becomes its ISO
 * string) — and a cycle becomes "[Circular]" rather than a path back to unmasked text. Keys are left
 * alone (they are the schema); findings carry the JSON path of the string they were found in.
 */
import { maskText } from './mask-text.js';
import type { MaskFinding, MaskOptions } from './mask-types.js';

export interface StructuredFinding extends MaskFinding {
  /** Where the string sits, as a JSON path: `$.data.rows[3].url`. */
  path: string;
}

/** Deeper than this a value is not data an answer would carry; it is replaced, never leaked. */
const MAX_DEPTH = 64;

export function maskStructured<T>(value: T, options: MaskOptions = {}): { value: T; findings: StructuredFinding[] } {
  const findings: StructuredFinding[] = [];
  const seen = new WeakSet<object>();
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (typeof v === 'string') {
      const r = maskText(v, options);
      for (const f of r.findings) findings.push({ ...f, path });
      return r.text;
    }
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated]';
    const json = (v as { toJSON?: unknown }).toJSON;
    if (typeof json === 'function') return walk((json as () => unknown).call(v), path, depth + 1);
    seen.add(v);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      out[k] = walk(item, /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`, depth + 1);
    }
    return out;
  };
  return { value: walk(value, '$', 0) as T, findings };
}
