import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The client's IP. `X-Forwarded-For` is believed only when the peer is a trusted proxy (by default
 * the loopback interface, where the web app's rewrite proxy runs); then the right-most address that
 * is not itself a trusted proxy is the client.
 */
export function clientIp(req: IncomingMessage, trustedProxies: ReadonlySet<string> = LOOPBACK) {
  const peer = req.socket.remoteAddress ?? null;
  if (!peer || !trustedProxies.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((h) => h.trim())
    .filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!trustedProxies.has(hop)) return hop;
  }
  return peer;
}
