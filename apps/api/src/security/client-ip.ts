import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyAddr from 'proxy-addr';

/** Whether the hop at `addr` is a proxy whose `X-Forwarded-For` is believed. */
export type TrustProxy = (addr: string, hop: number) => boolean;

/**
 * Compiles `TRUSTED_PROXIES`: addresses, CIDR ranges and the names `loopback`, `linklocal`,
 * `uniquelocal` (proxy-addr's). Throws on an entry that is none of these.
 */
export const trustProxies = (entries: readonly string[]): TrustProxy =>
  proxyAddr.compile([...entries]);

/** The loopback interface, where the web app's rewrite proxy runs. */
export const trustLoopback = trustProxies(['loopback']);

const unmapped = (ip: string) =>
  ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;

/**
 * The client's address: the right-most `X-Forwarded-For` hop that is not a trusted proxy, walking
 * back from the peer (so a client cannot choose its address by sending the header itself). IPv4
 * addresses mapped into IPv6 are given as IPv4, so one client has one rate-limit key.
 */
export function clientIp(req: IncomingMessage, trust: TrustProxy = trustLoopback): string | null {
  const peer = req.socket.remoteAddress;
  if (!peer) return null;
  // Without the header there are no hops to walk: the peer is the client (as proxy-addr finds).
  if (req.headers['x-forwarded-for'] === undefined) return unmapped(peer);
  const address = proxyAddr(req, trust);
  return unmapped(isIP(address) ? address : peer);
}
