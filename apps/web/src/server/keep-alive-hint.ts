import { Agent } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Node's keep-alive agent drops an idle socket before the server's announced `Keep-Alive:
 * timeout=N` only when the agent has a timeout of its own: with none (Next.js's rewrite proxy
 * keeps its sockets that way) the hint is ignored and an idle socket lives until the API closes
 * it. A request that reuses it in that moment (the web server busy rendering when the API's
 * close arrives) is reset: the proxy answers 500 and the shopper reads "We couldn't reach the
 * shop". So every agent in this process lets its idle sockets go a margin before the server
 * would: a tenth of the hint, at least a second (Node's own margin).
 */
export function honourKeepAliveHints(): void {
  const proto = Agent.prototype as unknown as KeepAliveAgent;
  if (proto[patched]) return;
  const keepSocketAlive = proto.keepSocketAlive;
  proto.keepSocketAlive = function (this: KeepAliveAgent, socket) {
    const keep = keepSocketAlive.call(this, socket);
    if (!keep) return keep;
    const idleMs = idleTimeoutOf(socket);
    const agentMs = this.options.timeout ?? 0;
    if (idleMs !== undefined && (agentMs === 0 || idleMs < agentMs)) socket.setTimeout(idleMs);
    return keep;
  };
  proto[patched] = true;
}

const patched = Symbol('bazaar.keepAliveHint');

/** What Node's Agent has and its types leave out: it returns whether to keep the socket. */
interface KeepAliveAgent {
  options: { timeout?: number };
  keepSocketAlive(socket: HintedSocket): boolean;
  [patched]?: true;
}

type HintedSocket = Socket & { _httpMessage?: { res?: { headers: Record<string, unknown> } } };

function idleTimeoutOf(socket: HintedSocket): number | undefined {
  const hint = socket._httpMessage?.res?.headers['keep-alive'];
  const seconds = typeof hint === 'string' ? /(?:^|,)\s*timeout=(\d+)/.exec(hint)?.[1] : undefined;
  if (seconds === undefined) return undefined;
  const hintMs = Number(seconds) * 1000;
  return Math.max(0, hintMs - Math.max(1000, hintMs / 10)) || undefined;
}
