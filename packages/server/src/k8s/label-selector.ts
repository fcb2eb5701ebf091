/**
 * Kubernetes label selectors, as the aggregation layer forwards them in `?labelSelector=`: the
 * grammar of apimachinery's `labels.Parse` (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`,
 * `!a`, `a>3`, `a<3`, comma = AND), with its key and value syntax checks, so a selector the
 * apiserver would reject is rejected here too rather than silently matching everything.
 */
import { PromptOpsError } from '../errors/promptops-error.js';

export type SelectorOperator = 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  /** `=`/`==` parse as `in` with one value, `!=` as `notin` with one value (as apimachinery does). */
  operator: SelectorOperator;
  values: string[];
}

export type LabelSelector = readonly Requirement[];

// Name part: 63 chars, alphanumeric at both ends, -_. inside (apimachinery's qualified name).
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
// Prefix: DNS-1123 subdomain, 253 chars.
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function bad(message: string): PromptOpsError {
  return new PromptOpsError('invalid_parameter', `labelSelector: ${message}`);
}

function checkKey(key: string): string {
  const slash = key.indexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix)))
    throw bad(`invalid key prefix '${prefix}' (a DNS-1123 subdomain)`);
  if (!NAME.test(name)) throw bad(`invalid key '${key}' (63 chars, alphanumeric at both ends, -_. inside)`);
  return key;
}

function checkValue(value: string): string {
  if (value !== '' && !NAME.test(value))
    throw bad(`invalid value '${value}' (63 chars, alphanumeric at both ends, -_. inside)`);
  return value;
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'op'; text: '=' | '==' | '!=' | '!' | '>' | '<' }
  | { kind: 'punct'; text: ',' | '(' | ')' };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === ',' || ch === '(' || ch === ')') {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    } else if (input.startsWith('==', i) || input.startsWith('!=', i)) {
      tokens.push({ kind: 'op', text: input.slice(i, i + 2) as '==' | '!=' });
      i += 2;
    } else if (ch === '=' || ch === '!' || ch === '>' || ch === '<') {
      tokens.push({ kind: 'op', text: ch });
      i++;
    } else {
      let j = i;
      while (j < input.length && !/[\s,()=!<>]/.test(input[j] as string)) j++;
      tokens.push({ kind: 'word', text: input.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** Parses a selector; the empty string selects everything. Throws `invalid_parameter` on bad syntax. */
export function parseLabelSelector(input: string): LabelSelector {
  const tokens = tokenize(input);
  const out: Requirement[] = [];
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const next = (): Token | undefined => tokens[i++];
  const word = (what: string): string => {
    const t = next();
    if (t?.kind !== 'word') throw bad(`expected ${what}${t ? `, found '${t.text}'` : ' at the end'}`);
    return t.text;
  };
  while (i < tokens.length) {
    let t = peek();
    if (t?.kind === 'op' && t.text === '!') {
      next();
      out.push({ key: checkKey(word('a key after !')), operator: '!', values: [] });
    } else {
      const key = checkKey(word('a key'));
      t = peek();
      if (t === undefined || (t.kind === 'punct' && t.text === ',')) {
        out.push({ key, operator: 'exists', values: [] });
      } else if (t.kind === 'op' && (t.text === '=' || t.text === '==' || t.text === '!=')) {
        next();
        // `a=` selects an empty value, as in apimachinery.
        const v = peek()?.kind === 'word' ? word('a value') : '';
        out.push({ key, operator: t.text === '!=' ? 'notin' : 'in', values: [checkValue(v)] });
      } else if (t.kind === 'op' && (t.text === '>' || t.text === '<')) {
        next();
        const v = word('a number');
        if (!/^-?\d+$/.test(v)) throw bad(`'${key} ${t.text} ${v}': the value must be an integer`);
        out.push({ key, operator: t.text === '>' ? 'gt' : 'lt', values: [v] });
      } else if (t.kind === 'word' && (t.text === 'in' || t.text === 'notin')) {
        next();
        const open = next();
        if (open?.kind !== 'punct' || open.text !== '(') throw bad(`expected '(' after '${key} ${t.text}'`);
        const values: string[] = [];
        for (;;) {
          const v = peek();
          if (v?.kind === 'word') values.push(checkValue(word('a value')));
          else values.push('');
          const sep = next();
          if (sep?.kind === 'punct' && sep.text === ')') break;
          if (sep?.kind !== 'punct' || sep.text !== ',') throw bad(`expected ',' or ')' in the values of '${key}'`);
        }
        out.push({ key, operator: t.text, values: [...new Set(values)] });
      } else {
        throw bad(`unexpected '${t.text}' after '${key}'`);
      }
    }
    const sep = next();
    if (sep !== undefined && !(sep.kind === 'punct' && sep.text === ','))
      throw bad(`expected ',' between requirements, found '${sep.text}'`);
    if (sep !== undefined && i >= tokens.length) throw bad('trailing comma');
  }
  return out;
}

/** Whether `labels` satisfy every requirement (an absent label fails `in`, `exists`, `gt`, `lt`). */
export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selector.every((r) => {
    const v = labels[r.key];
    switch (r.operator) {
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case 'exists':
        return v !== undefined;
      case '!':
        return v === undefined;
      case 'gt':
      case 'lt': {
        if (v === undefined || !/^-?\d+$/.test(v)) return false;
        const n = Number(v);
        const bound = Number(r.values[0]);
        return r.operator === 'gt' ? n > bound : n < bound;
      }
    }
  });
}

/** The values a selector pins a key to (`k=v`, `k in (…)`), or undefined when it does not pin it. */
export function pinnedValues(selector: LabelSelector, key: string): string[] | undefined {
  let pinned: string[] | undefined;
  for (const r of selector) {
    if (r.key !== key || r.operator !== 'in') continue;
    pinned = pinned === undefined ? r.values : pinned.filter((v) => r.values.includes(v));
  }
  return pinned;
}

/** The selector back in canonical text (for echoes and error messages). */
export function formatSelector(selector: LabelSelector): string {
  return selector
    .map((r) => {
      switch (r.operator) {
        case 'in':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        case 'gt':
          return `${r.key}>${r.values[0]}`;
        case 'lt':
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(',');
}
