import { describe, expect, it } from 'vitest';
import { resolveClientIp, trustedProxyMatcher } from './trusted-proxies.js';

describe('trusted proxies', () => {
  const trusted = trustedProxyMatcher(['10.0.0.0/8', '::1', '192.168.1.5']);

  it('honours X-Forwarded-For only from a trusted proxy', () => {
    expect(resolveClientIp('10.1.2.3', '203.0.113.7', trusted)).toBe('203.0.113.7');
    expect(resolveClientIp('198.51.100.2', '203.0.113.7', trusted)).toBe('198.51.100.2');
    expect(resolveClientIp('::ffff:10.1.2.3', '203.0.113.7', trusted)).toBe('203.0.113.7');
  });

  it('walks the chain from the right, skipping trusted hops, so a client cannot spoof its address', () => {
    expect(resolveClientIp('10.0.0.1', '1.1.1.1, 203.0.113.7, 192.168.1.5', trusted)).toBe('203.0.113.7');
    expect(resolveClientIp('::1', '10.2.2.2, 10.3.3.3', trusted)).toBe('10.2.2.2');
  });
});
