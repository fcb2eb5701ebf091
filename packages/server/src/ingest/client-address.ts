/**
 * Client address resolution shared by every ingest path: the peer address is the client unless the
 * peer is a trusted proxy, in which case `X-Forwarded-For` is walked from the right (the hop nearest
 * to us) and the first untrusted address is the client. Trusting XFF from anyone would let a client
 * pick its own user key in `ip` mode, so the default trusts nobody.
 */
import { BlockList, isIP } from 'node:net';

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  /** @param cidrs addresses or CIDR blocks (`10.0.0.0/8`, `::1`, `fd00::/8`). Invalid entries throw. */
  constructor(cidrs: readonly string[] = []) {
    for (const raw of cidrs) {
      const entry = raw.trim();
      const slash = entry.indexOf('/');
      const addr = slash < 0 ? entry : entry.slice(0, slash);
      const family = isIP(addr);
      if (family === 0) throw new Error(`not an IP address or CIDR block: '${raw}'`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (slash < 0) this.list.addAddress(addr, type);
      else this.list.addSubnet(addr, Number(entry.slice(slash + 1)), type);
    }
    this.size = cidrs.length;
  }

  has(address: string): boolean {
    if (this.size === 0) return false;
    const family = isIP(address);
    if (family === 0) return false;
    return this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** Strips an IPv6 bracket/zone or an IPv4 `:port` suffix that some proxies append. */
export function bareAddress(value: string): string {
  let v = value.trim();
  if (v.startsWith('[')) {
    const end = v.indexOf(']');
    return end > 0 ? v.slice(1, end) : v;
  }
  const colon = v.indexOf(':');
  if (colon > 0 && colon === v.lastIndexOf(':') && v.indexOf('.') > 0) v = v.slice(0, colon);
  return v;
}

/**
 * The client address for a request whose TCP peer is `peer` and whose `X-Forwarded-For` header (if
 * any) is `forwardedFor`.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  if (!forwardedFor || trusted.size === 0 || !trusted.has(bareAddress(peer))) return peer;
  const hops = forwardedFor.split(',');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = bareAddress(hops[i]);
    if (hop === '' || hop === '-' || hop === 'unknown') continue;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}
