import { describe, expect, it } from 'vitest';
import { evaluateMasking } from './evaluate-masking.js';
import { HELD_OUT_LINES } from './held-out-lines.js';
import { LABELLED_LINES } from './labelled-lines.js';
import { maskText } from './mask-text.js';

describe('maskText on the labelled lines', () => {
  it('has 100 or more lines, look-alikes included', () => {
    expect(LABELLED_LINES.length).toBeGreaterThanOrEqual(100);
    expect(LABELLED_LINES.filter((l) => l.pii.length === 0).length).toBeGreaterThanOrEqual(30);
  });

  it('finds personal data with precision and recall of at least 0.95 for every type', () => {
    const ev = evaluateMasking(LABELLED_LINES);
    if (ev.errors.length) console.log(ev.errors.join('\n'));
    for (const t of ev.perType) {
      expect.soft(t.precision, `${t.type} precision`).toBeGreaterThanOrEqual(0.95);
      expect.soft(t.recall, `${t.type} recall`).toBeGreaterThanOrEqual(0.95);
    }
    expect(ev.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(ev.overall.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('leaves every look-alike line untouched at the partial and full levels', () => {
    expect(evaluateMasking(LABELLED_LINES).touchedLookAlikes).toEqual([]);
  });

  it('reports the held-out lines written after tuning (measured, with a lower floor)', () => {
    const ev = evaluateMasking(HELD_OUT_LINES);
    console.log(
      `held-out lines: precision ${ev.overall.precision.toFixed(3)}, recall ${ev.overall.recall.toFixed(3)}` +
        (ev.errors.length ? `\n  ${ev.errors.join('\n  ')}` : ''),
    );
    expect(ev.overall.precision).toBeGreaterThanOrEqual(0.9);
    expect(ev.overall.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('maskText policies', () => {
  const line = '고객 홍길동 010-1234-5678 hong.gildong@example.com 900101-1234567 카드 4111-1111-1111-1111';

  it('partial keeps what identifies the record and hides the rest', () => {
    expect(maskText(line, { level: 'partial' }).text).toBe(
      '고객 홍*동 010-****-5678 hong***@example.com 900101-1****** 카드 ****-****-****-1111',
    );
  });

  it('full replaces each value with a placeholder, in Korean or English', () => {
    expect(maskText(line, { level: 'full' }).text).toBe(
      '고객 [이름] [휴대전화] [이메일] [주민등록번호] 카드 [카드번호]',
    );
    expect(maskText('call 010-1234-5678', { level: 'full', placeholders: 'en' }).text).toBe('call [MOBILE]');
  });

  it('off leaves the text alone but still reports what it found, with offsets into the input', () => {
    const r = maskText(line, { level: 'off' });
    expect(r.text).toBe(line);
    expect(r.findings.map((f) => f.type)).toEqual(['name', 'mobile', 'email', 'rrn', 'card']);
    for (const f of r.findings) expect(line.slice(f.start, f.end)).toBe(f.masked);
  });

  it('masks IP addresses only when the policy asks for it', () => {
    const text = 'login from 203.0.113.45';
    expect(maskText(text, { level: 'partial' }).text).toBe(text);
    expect(maskText(text, { level: 'partial', ip: true }).text).toBe('login from 203.0.113.***');
  });

  it('accepts resident numbers issued since 2020 whose check digit is random, and rejects impossible dates', () => {
    // 2021-03-15, gender digit 3: a valid date; the last digit is deliberately not the old checksum.
    expect(maskText('210315-3123450', { level: 'full' }).text).toBe('[주민등록번호]');
    expect(maskText('010229-3123456', { level: 'full' }).text).toBe('010229-3123456'); // 2001 is not a leap year
    expect(maskText('900101-0234567', { level: 'full' }).text).toBe('900101-0234567'); // gender digit 0
  });

  it('rejects invalid options at the edge', () => {
    expect(() => maskText('x', { level: 'none' as never })).toThrow();
  });

  it('stays near-linear on adversarial input (no regex blow-up on large logs)', () => {
    const n = 200_000;
    for (const input of [
      '1'.repeat(n),
      '계좌 '.repeat(n / 3) + '1',
      '이름: '.repeat(n / 4),
      '김철수님'.repeat(n / 4),
      'a@' + 'a-'.repeat(n / 2),
    ]) {
      const t0 = performance.now();
      maskText(input, { ip: true });
      // Generous for a shared 2-core machine; the quadratic versions of these took seconds.
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });
});
