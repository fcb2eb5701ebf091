/** Label selectors: apimachinery's grammar, its rejections, and matching. */
import { describe, expect, it } from 'vitest';
import { formatSelector, matchesSelector, parseLabelSelector } from './label-selector.js';

describe('parseLabelSelector', () => {
  it('reads every operator', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('instance=was1')).toEqual([{ key: 'instance', operator: 'in', values: ['was1'] }]);
    expect(parseLabelSelector('instance==was1')).toEqual([{ key: 'instance', operator: 'in', values: ['was1'] }]);
    expect(parseLabelSelector(' instance in ( was1 , was2 ) ,mode!=ip')).toEqual([
      { key: 'instance', operator: 'in', values: ['was1', 'was2'] },
      { key: 'mode', operator: 'notin', values: ['ip'] },
    ]);
    expect(parseLabelSelector('app.kubernetes.io/name notin (a),service,!canary,replicas>2,age<10')).toEqual([
      { key: 'app.kubernetes.io/name', operator: 'notin', values: ['a'] },
      { key: 'service', operator: 'exists', values: [] },
      { key: 'canary', operator: '!', values: [] },
      { key: 'replicas', operator: 'gt', values: ['2'] },
      { key: 'age', operator: 'lt', values: ['10'] },
    ]);
    expect(parseLabelSelector('tier=')).toEqual([{ key: 'tier', operator: 'in', values: [''] }]);
  });

  it.each([
    'instance in (was1',
    'instance in was1',
    'instance=was1,',
    'instance=was1 mode=ip',
    '-bad=x',
    'UPPER.Prefix/name=x',
    'a=-x',
    `a=${'x'.repeat(64)}`,
    'a>b',
    '=x',
    'a!',
  ])('rejects %j', (s) => {
    expect(() => parseLabelSelector(s)).toThrow(/labelSelector/);
  });

  it('round-trips to canonical text', () => {
    expect(formatSelector(parseLabelSelector('instance in (was1,was2),mode == ip,!x'))).toBe(
      'instance in (was1,was2),mode=ip,!x',
    );
  });
});

describe('matchesSelector', () => {
  const labels = { instance: 'was1', mode: 'ip', replicas: '3' };
  it.each([
    ['', true],
    ['instance=was1', true],
    ['instance=was2', false],
    ['instance in (was2,was1)', true],
    ['instance notin (was1)', false],
    ['service notin (shop)', true],
    ['service', false],
    ['!service', true],
    ['replicas>2,replicas<4', true],
    ['replicas>3', false],
    ['instance=was1,mode=user', false],
  ])('%j → %s', (s, expected) => {
    expect(matchesSelector(parseLabelSelector(s), labels)).toBe(expected);
  });
});
