import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyAddr from 'proxy-addr';

export type TrustProxy = (address: string, hop: number) => boolean;

/** Compiles `WEB_TRUSTED_PROXIES` (addresses, CIDR ranges, `loopback`…); empty trusts no one. */
export const trustProxies = (proxies: readonly string[]): TrustProxy =>
  proxyAddr.compile([...proxies]);

/** Headers that only a trusted reverse proxy may set: a client could claim anything in them. */
const PROXY_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'] as const;

/** Other ways of telling a client's address, which nothing behind this server should believe. */
const ADDRESS_HEADERS = ['forwarded', 'x-real-ip'] as const;

/**
 * Rewrites the request's forwarding headers before Next.js sees it, so that the rewrite proxy to
 * the API and server components forward exactly one address: the client's. That address is the
 * right-most hop of `X-Forwarded-For` that is not a trusted proxy (with no trusted proxies, the
 * peer itself). Whatever else the client sent is dropped, never appended to.
 * Returns the client's address, or undefined when the connection is already gone.
 */
export function setClientAddress(req: IncomingMessage, trust: TrustProxy): string | undefined {
  const peer = req.socket.remoteAddress;
  if (!peer || !trust(peer, 0)) for (const name of PROXY_HEADERS) delete req.headers[name];
  for (const name of ADDRESS_HEADERS) delete req.headers[name];
  // A trusted proxy that sends garbage (`unknown`) leaves the proxy itself as the client.
  const claimed = peer ? unmapIpv4(proxyAddr(req, trust)) : undefined;
  const client = claimed && isIP(claimed) ? claimed : peer && unmapIpv4(peer);
  if (client) req.headers['x-forwarded-for'] = client;
  else delete req.headers['x-forwarded-for'];
  return client;
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) → `192.0.2.1`. */
function unmapIpv4(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
