import type { Server, ServerResponse } from 'node:http';

/** The answers each server is still writing, and the servers that are closing. */
const unfinished = new WeakMap<Server, Set<ServerResponse>>();
const closing = new WeakSet<Server>();

/**
 * Keeps count of `server`'s unfinished answers, so `closeServer` can end each one's connection
 * after it instead of leaving it open for another request. Installed first, before any handler
 * writes.
 */
export function trackAnswers(server: Server): void {
  const answers = new Set<ServerResponse>();
  unfinished.set(server, answers);
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (closing.has(server)) res.setHeader('connection', 'close');
    answers.add(res);
    res.once('close', () => answers.delete(res));
  });
}

/**
 * Stops accepting connections and waits for in-flight requests, cutting them off after the
 * timeout. Their answers say `Connection: close`: a keep-alive client never sends another request
 * on a connection that is about to close (it would fail on the network, unanswered, even though it
 * never reached us); it opens a new one, which is refused, or goes to another instance.
 */
export async function closeServer(server: Server, timeoutMs: number): Promise<void> {
  if (!server.listening) return;
  closing.add(server);
  for (const res of unfinished.get(server) ?? [])
    if (!res.headersSent) res.setHeader('connection', 'close');
  const closed = new Promise<void>((done) => server.close(() => done()));
  // Connections idle between requests, or whose answer was already under way, close as they idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearInterval(sweep);
  clearTimeout(deadline);
}
