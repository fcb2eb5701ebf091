import { describe, expect, it } from 'vitest';
import { PromptOpsError } from '../errors/promptops-error.js';
import { parseCollectorConfig } from './collector-config.js';

describe('collector config', () => {
  it('fills every default', () => {
    const c = parseCollectorConfig({ dataDir: '/tmp/x' });
    expect(c).toEqual({
      dataDir: '/tmp/x',
      modes: ['ip'],
      windowSeconds: 300,
      precision: 14,
      lateGraceSeconds: 10,
      retention: {
        '2s': 7_200_000,
        '1m': 8 * 86_400_000,
        '5m': 35 * 86_400_000,
        '1h': 400 * 86_400_000,
        transactions: 8 * 86_400_000,
      },
      trustedProxies: [],
      fsync: 'tick',
      pruneIntervalSeconds: 600,
    });
  });

  it('parses modes from the command-line form, first one being the default', () => {
    expect(parseCollectorConfig({ dataDir: 'd', modes: 'user, Cookie,ip' }).modes).toEqual(['user', 'cookie', 'ip']);
    expect(parseCollectorConfig({ dataDir: 'd', modes: ['session'], retention: { '1h': '2w' } }).retention['1h']).toBe(
      14 * 86_400_000,
    );
  });

  it('fails fast listing every problem at once', () => {
    let error: unknown;
    try {
      parseCollectorConfig({
        dataDir: '',
        modes: 'user,visitor,user',
        windowSeconds: 301,
        retention: { '2s': 'soon' },
        trustedProxies: ['10.0.0.0/8', 'proxy.example'],
        bogus: true,
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PromptOpsError);
    const e = error as PromptOpsError;
    expect(e.code).toBe('invalid_parameter');
    const problems = (e.details as { problems: string[] }).problems.join('\n');
    for (const fragment of ['dataDir', 'modes', 'windowSeconds', 'retention.2s', 'trustedProxies.1', 'bogus'])
      expect(problems).toContain(fragment);
  });
});
