// The client's address, for login limits and the security log. The socket's peer, unless that
// peer is a trusted proxy (CASSA_TRUSTED_PROXIES: addresses or CIDR ranges): then the rightmost
// address of X-Forwarded-For that is not itself a trusted proxy. Without trusted proxies the
// header is ignored, so a client cannot pick the address its tries are counted against.
import { BlockList, isIP } from 'node:net';
import type { HttpBindings } from '@hono/node-server';

/** What is read of a request: its socket (on Node) and one header (any Hono context fits). */
interface RequestContext {
  env?: Partial<HttpBindings> | undefined;
  req: { header(name: string): string | undefined };
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; anything else unchanged. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export interface TrustedProxies {
  has(address: string): boolean;
  readonly size: number;
}

/** Parses `10.0.0.1, 10.1.0.0/16, ::1`; throws on an entry that is not an address or range. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  let size = 0;
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (!family) throw new Error(`not an IP address or CIDR range: ${entry}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32))
        throw new Error(`bad CIDR prefix: ${entry}`);
      list.addSubnet(address, bits, type);
    }
    size++;
  }
  return {
    size,
    has(address) {
      const a = plain(address);
      const family = isIP(a);
      return family !== 0 && list.check(a, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

export const NO_TRUSTED_PROXIES = trustedProxies([]);

export function clientAddress(c: RequestContext, trusted: TrustedProxies): string {
  const peer = plain(c.env?.incoming?.socket?.remoteAddress ?? 'unknown');
  if (!trusted.size || !trusted.has(peer)) return peer;
  const forwarded = (c.req.header('X-Forwarded-For') ?? '')
    .split(',')
    .map((part) => plain(part.trim()))
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = forwarded[i]!;
    if (!isIP(hop)) return peer; // a forged or garbled chain: count it against the proxy itself
    if (!trusted.has(hop)) return hop;
  }
  return forwarded[0] ?? peer;
}
