/**
 * Numbers as operators write them: "1,000", "1천", "2만", "10만 5천", "1.5만", "50k", "100,000".
 * Korean counts in myriads (만 = 10⁴, 억 = 10⁸), so "10만" is 100,000, not 10 thousand.
 */

export interface NumberMatch {
  value: number;
  start: number;
  end: number;
}

const MULTIPLIER: Record<string, number> = { 억: 1e8, 만: 1e4, 천: 1e3, 백: 1e2, k: 1e3, m: 1e6 };

// One group: digits with optional thousands separators and decimals, then an optional unit. A bare
// 천/만 ("천 명") counts as 1천/1만. Groups chain ("10만 5천") when the units descend.
const GROUP =
  /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?(억|만|천|백|k\b|m\b)?|(?<![가-힣])(천|만)(?=\s?(?:명|개|건|세션|users?\b))/giy;

function readGroup(text: string, at: number): { value: number; unit: string | undefined; end: number } | undefined {
  GROUP.lastIndex = at;
  const m = GROUP.exec(text);
  if (!m) return undefined;
  if (m[4]) return { value: MULTIPLIER[m[4]], unit: m[4], end: GROUP.lastIndex };
  const base = Number(`${m[1].replaceAll(',', '')}${m[2] ? `.${m[2]}` : ''}`);
  const unit = m[3]?.toLowerCase();
  return { value: unit ? base * MULTIPLIER[unit] : base, unit, end: GROUP.lastIndex };
}

/** Every number in the text, left to right, with compound Korean amounts merged. */
export function findNumbers(text: string): NumberMatch[] {
  const out: NumberMatch[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const startsNumber = /[\d천만]/.test(ch) && !(i > 0 && /[\w.]/.test(text[i - 1]) && /\d/.test(ch));
    const g = startsNumber ? readGroup(text, i) : undefined;
    if (!g) {
      i++;
      continue;
    }
    let value = g.value;
    let end = g.end;
    let lastUnit = g.unit ? MULTIPLIER[g.unit.toLowerCase()] : 1;
    // "10만 5천": a following group with a smaller unit adds to this one.
    for (;;) {
      const gap = text[end] === ' ' ? 1 : 0;
      const next = lastUnit > 1 ? readGroup(text, end + gap) : undefined;
      const nextUnit = next?.unit ? MULTIPLIER[next.unit.toLowerCase()] : 1;
      if (!next || !next.unit || nextUnit >= lastUnit) break;
      value += next.value;
      end = next.end;
      lastUnit = nextUnit;
    }
    out.push({ value, start: i, end });
    i = end;
  }
  return out;
}
