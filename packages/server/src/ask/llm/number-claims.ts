/**
 * The check every LLM-phrased answer passes before it is shown: each number it states must be a
 * number of the tool data, the deterministic answer or the question, within the rounding it is
 * written with ("1.2만" covers 11,500–12,499; "12,300" covers 12,250–12,349; "0.8%" covers a fraction
 * 0.0075–0.0085). A number that matches nothing is an invented claim and the phrasing is discarded.
 */
import { EN_ONES, EN_TENS } from '../english-number-words.js';

export interface NumberClaim {
  /** The text as written, e.g. `1.2만`, `12,345`, `8.1%`. */
  text: string;
  value: number;
  /** Half-width of the interval the written form stands for. */
  tolerance: number;
  percent: boolean;
}

const UNIT: Record<string, number> = { 만: 1e4, 천: 1e3, 억: 1e8, k: 1e3, K: 1e3, M: 1e6 };
// Thousands separators, decimals, an optional Korean/SI multiplier or percent sign right after.
const NUMBER = /(?<![\p{L}\d.])(-?\d{1,3}(?:,\d{3})+|-?\d+)(?:\.(\d+))?\s?(만|천|억|k|K|M(?![a-zA-Z])|%)?/gu;

const EN_WORDS: Record<string, number> = {
  ...EN_ONES,
  ...EN_TENS,
  hundred: 100,
  thousand: 1000,
  million: 1e6,
  double: 2,
  twice: 2,
  triple: 3,
  half: 0.5,
  dozen: 12,
};
const KO_WORDS: Record<string, number> = {
  한: 1,
  두: 2,
  세: 3,
  네: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
  절반: 0.5,
};
const EN_WORD = new RegExp(`\\b(${Object.keys(EN_WORDS).join('|')})\\b`, 'gi');
// Native Korean numerals count only before a counter ("세 대", "두 배"); alone they are other words (세션, 네).
const KO_WORD = new RegExp(
  `(?<![\\p{L}])(${Object.keys(KO_WORDS).join('|')})\\s?(?=대|명|개|배|번|곳|가지|시간|분|일|주)`,
  'gu',
);

/** Numbers written as words ("three servers", "세 대", "double"): claims too, exact. */
function wordClaims(text: string): NumberClaim[] {
  const out: NumberClaim[] = [];
  for (const m of text.matchAll(EN_WORD))
    out.push({ text: m[0], value: EN_WORDS[m[1]!.toLowerCase()]!, tolerance: 0, percent: false });
  for (const m of text.matchAll(KO_WORD))
    out.push({ text: m[0].trim(), value: KO_WORDS[m[1]!]!, tolerance: 0, percent: false });
  return out;
}

/** Every number written in `text`, with the interval its written precision stands for. */
export function numberClaims(text: string): NumberClaim[] {
  const out: NumberClaim[] = wordClaims(text);
  for (const m of text.matchAll(NUMBER)) {
    const intPart = m[1]!.replace(/,/g, '');
    const decimals = m[2] ?? '';
    const unit = m[3];
    const base = Number(`${intPart}${decimals ? `.${decimals}` : ''}`);
    if (!Number.isFinite(base)) continue;
    const mult = unit && unit !== '%' ? UNIT[unit]! : 1;
    let tolerance = 0.5 * 10 ** -decimals.length * mult;
    // "about 12,000": trailing zeros of a large integer are rounding, not precision.
    if (!decimals && !unit && Math.abs(base) >= 1000) {
      const zeros = /0*$/.exec(intPart)![0].length;
      tolerance = Math.max(tolerance, 0.5 * 10 ** Math.min(zeros, intPart.length - 1));
    }
    out.push({ text: m[0].trim(), value: base * mult, tolerance, percent: unit === '%' });
  }
  return out;
}

/**
 * A number found in the sources. `percent`: written with % (or a fraction scaled to one); `false`:
 * written as a count in text; `either`: a bare numeric field, whose unit the text does not say.
 */
export interface KnownNumber {
  value: number;
  percent: boolean | 'either';
}

/** Every number in a JSON-like value: numeric leaves, and numbers written inside strings. */
export function numbersIn(value: unknown, out: KnownNumber[] = []): KnownNumber[] {
  if (typeof value === 'number' && Number.isFinite(value)) {
    out.push({ value, percent: 'either' });
    // Fractions are often shown as percentages (an error band of 0.0081 is "0.81%").
    if (Math.abs(value) <= 1.5) out.push({ value: value * 100, percent: true });
  } else if (typeof value === 'string') {
    for (const c of numberClaims(value)) out.push({ value: c.value, percent: c.percent });
    // Clock times: "15:00" may be said as "3 pm" / "오후 3시".
    for (const t of value.matchAll(/\b(\d{1,2}):\d{2}\b/g)) out.push({ value: Number(t[1]) % 12, percent: false });
  } else if (Array.isArray(value)) {
    for (const v of value) numbersIn(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) numbersIn(v, out);
  }
  return out;
}

export interface ClaimCheck {
  ok: boolean;
  /** The written numbers that match nothing in the sources. */
  unsupported: string[];
}

/** Checks that every number of `phrased` is supported by one of `sources` within its rounding. */
export function checkNumberClaims(phrased: string, sources: readonly unknown[]): ClaimCheck {
  const known = numbersIn(sources);
  const unsupported = numberClaims(phrased)
    .filter(
      (c) =>
        // A share must match a share: "18%" is not supported by "18:00" or by 18 users.
        !known.some(
          (k) =>
            (k.percent === 'either' || k.percent === c.percent) &&
            Math.abs(k.value - c.value) <= c.tolerance + 1e-9 * Math.abs(k.value),
        ),
    )
    .map((c) => c.text);
  return { ok: unsupported.length === 0, unsupported };
}
