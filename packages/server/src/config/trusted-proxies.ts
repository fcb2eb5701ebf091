/**
 * Client address resolution behind proxies: `X-Forwarded-For` is honoured only from trusted proxies
 * (the `trustedProxies` option: addresses or CIDR blocks, IPv4 or IPv6). The chain is walked from the
 * right, skipping trusted hops; the first untrusted address is the client. Uses Node's `net.BlockList`.
 */
import net from 'node:net';

export type TrustedProxyMatcher = (address: string) => boolean;

export function trustedProxyMatcher(entries: readonly string[]): TrustedProxyMatcher {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    const a = stripMappedIpv4(address);
    const family = net.isIPv6(a) ? 'ipv6' : net.isIPv4(a) ? 'ipv4' : undefined;
    return family !== undefined && list.check(a, family);
  };
}

/** The client address of a request that came from `remoteAddress` with this `X-Forwarded-For`. */
export function resolveClientIp(
  remoteAddress: string,
  forwardedFor: string | undefined,
  trusted: TrustedProxyMatcher,
): string {
  let client = stripMappedIpv4(remoteAddress);
  if (forwardedFor === undefined || !trusted(client)) return client;
  const hops = forwardedFor
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = stripMappedIpv4(hops[i]);
    if (!trusted(client)) return client;
  }
  return client;
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) → `10.0.0.1`. */
function stripMappedIpv4(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}
