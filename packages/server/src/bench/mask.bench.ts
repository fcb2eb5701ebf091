/**
 * `npx promptops bench mask`: precision and recall of the PII masker per type on the labelled lines,
 * look-alikes changed, findings on a real Apache access log (10 000 lines with no Korean personal
 * data: every digit finding there would be a false positive), and throughput. The peer, measured in
 * the same run, is the naive regex set such maskers often start from (e-mail, NNN-NNNN-NNNN phones,
 * NNNNNN-NNNNNNN resident numbers, any 13-19 digit run as a card) with no validation or context.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateMasking } from '../ask/mask/evaluate-masking.js';
import { HELD_OUT_LINES } from '../ask/mask/held-out-lines.js';
import { LABELLED_LINES } from '../ask/mask/labelled-lines.js';
import { findPii, maskText } from '../ask/mask/mask-text.js';
import { SpanSet } from '../ask/mask/span-set.js';
import type { BenchModule } from './bench-module.js';
import { machineHeader } from './machine-info.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const APACHE_LOG = path.resolve(REPO_ROOT, '../shared/data/elastic_apache_logs/apache_logs');

const NAIVE: ReadonlyArray<readonly [string, RegExp]> = [
  ['email', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g],
  ['rrn', /\d{6}-?\d{7}/g],
  ['phone', /\d{2,3}-\d{3,4}-\d{4}/g],
  ['card', /\d{13,19}|\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}/g],
];

function naiveFind(text: string): Array<{ start: number; end: number; type: string }> {
  const out: Array<{ start: number; end: number; type: string }> = [];
  const taken = new SpanSet();
  for (const [type, re] of NAIVE) {
    for (const m of text.matchAll(re)) {
      const span = { type, start: m.index, end: m.index + m[0].length };
      if (taken.overlaps(span)) continue;
      taken.add(span);
      out.push(span);
    }
  }
  return out;
}

function naiveScores(): { precision: number; recall: number; touched: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let touched = 0;
  const covered = new Set(['email', 'rrn', 'mobile', 'phone', 'card']);
  for (const line of LABELLED_LINES) {
    const got = naiveFind(line.text).map((c) => line.text.slice(c.start, c.end));
    const expected = line.pii.filter(([t]) => covered.has(t)).map(([, v]) => v);
    for (const g of got) {
      const i = expected.indexOf(g);
      if (i >= 0) {
        tp++;
        expected.splice(i, 1);
      } else fp++;
    }
    fn += expected.length;
    if (line.pii.length === 0 && got.length) touched++;
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), touched };
}

function mbPerSecond(text: string, fn: (t: string) => unknown, runs: number): number {
  const rates: number[] = [];
  fn(text); // warm-up: JIT and regex compilation
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(text);
    rates.push(Buffer.byteLength(text) / 1e6 / ((performance.now() - t0) / 1000));
  }
  return rates.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export const bench: BenchModule = {
  description:
    'PII masking: precision/recall per type, look-alikes, real access log false positives, throughput; peer: naive regexes',
  async run({ quick, log }) {
    const runs = quick ? 3 : 7;
    log('scoring the labelled lines');
    const ev = evaluateMasking(LABELLED_LINES);
    const naive = naiveScores();
    const held = evaluateMasking(HELD_OUT_LINES);
    const f3 = (v: number): string => v.toFixed(3);
    const lookAlikes = LABELLED_LINES.filter((l) => l.pii.length === 0).length;
    const out = [
      machineHeader('PII masking'),
      `Command: \`npx promptops bench mask${quick ? ' --quick' : ''}\`. Labelled lines: ${LABELLED_LINES.length} (${lookAlikes} look-alike lines with no personal data); IPs scored with the ip policy on.`,
      '',
      '| type | found | false positives | missed | precision | recall |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...ev.perType.map(
        (t) =>
          `| ${t.type} | ${t.truePositives} | ${t.falsePositives} | ${t.falseNegatives} | ${f3(t.precision)} | ${f3(t.recall)} |`,
      ),
      `| **all** | ${ev.overall.truePositives} | ${ev.overall.falsePositives} | ${ev.overall.falseNegatives} | ${f3(ev.overall.precision)} | ${f3(ev.overall.recall)} |`,
      `| peer: naive regexes (email, rrn, phones, card) | | | | ${f3(naive.precision)} | ${f3(naive.recall)} |`,
      `| held-out lines (${HELD_OUT_LINES.length}, never tuned on), all types | ${held.overall.truePositives} | ${held.overall.falsePositives} | ${held.overall.falseNegatives} | ${f3(held.overall.precision)} | ${f3(held.overall.recall)} |`,
      '',
      `Look-alike lines changed: maskText ${ev.touchedLookAlikes.length / 2} of ${lookAlikes}; naive regexes ${naive.touched} of ${lookAlikes}.`,
      ...(held.errors.length ? ['', 'Held-out errors:', ...held.errors.map((e) => `- ${e}`)] : []),
    ];
    const synthetic = Array.from({ length: quick ? 40 : 200 }, () => LABELLED_LINES.map((l) => l.text).join('\n')).join(
      '\n',
    );
    log('timing');
    const rows = [
      `| labelled lines repeated (${(Buffer.byteLength(synthetic) / 1e6).toFixed(1)} MB, PII-dense) | ${mbPerSecond(synthetic, (t) => maskText(t), runs).toFixed(1)} | ${mbPerSecond(synthetic, naiveFind, runs).toFixed(1)} |`,
    ];
    if (existsSync(APACHE_LOG)) {
      const apache = readFileSync(APACHE_LOG, 'utf8');
      const lines = apache.split('\n').filter(Boolean).length;
      const byType = (cs: Array<{ type: string }>): string =>
        Object.entries(
          cs.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.type]: (acc[c.type] ?? 0) + 1 }), {}),
        )
          .map(([t, n]) => `${t} ${n}`)
          .join(', ') || 'none';
      out.push(
        '',
        `Real data: \`elastic_apache_logs/apache_logs\` (${lines} lines, ${(Buffer.byteLength(apache) / 1e6).toFixed(1)} MB; no Korean personal data, the only e-mail addresses are crawler contacts in user agents such as help@moz.com):`,
        `- maskText, default policy: ${byType(findPii(apache, false))}`,
        `- maskText, ip policy: ${byType(findPii(apache, true))}`,
        `- peer naive regexes: ${byType(naiveFind(apache))}`,
      );
      rows.push(
        `| apache_logs (real, ${(Buffer.byteLength(apache) / 1e6).toFixed(1)} MB) | ${mbPerSecond(apache, (t) => maskText(t), runs).toFixed(1)} | ${mbPerSecond(apache, naiveFind, runs).toFixed(1)} |`,
      );
    } else {
      out.push('', `Real data skipped: ${APACHE_LOG} is absent.`);
    }
    out.push(
      '',
      `Throughput, median of ${runs} runs, MB/s of UTF-8 input (whole text in one call):`,
      '',
      '| input | maskText (partial) | peer: naive regexes (find only) |',
      '| --- | ---: | ---: |',
      ...rows,
    );
    return out.join('\n');
  },
};
