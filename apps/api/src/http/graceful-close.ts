import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Each connection's answer being written, so a closing server can end the connection after it. */
const ANSWER = Symbol('bazaar.answer');
type WithAnswer = Socket & { [ANSWER]?: ServerResponse };

/** The open connections of each tracked server, and the servers that are closing. */
const connections = new WeakMap<Server, Set<WithAnswer>>();
const closing = new WeakSet<Server>();

/**
 * Keeps track of `server`'s connections (once per connection, not per request) and answers the
 * function its request handler calls first for every request, so `closeServer` can end each
 * connection after the answer it is writing instead of leaving it open for another request.
 */
export function trackAnswers(server: Server): (req: IncomingMessage, res: ServerResponse) => void {
  const open = new Set<WithAnswer>();
  connections.set(server, open);
  server.on('connection', (socket: WithAnswer) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return (req, res) => {
    if (closing.has(server)) res.setHeader('connection', 'close');
    (req.socket as WithAnswer)[ANSWER] = res;
  };
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
  for (const socket of connections.get(server) ?? []) {
    const answer = socket[ANSWER];
    if (answer && !answer.headersSent) answer.setHeader('connection', 'close');
  }
  const closed = new Promise<void>((done) => server.close(() => done()));
  // Connections idle between requests, or whose answer was already under way, close as they idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearInterval(sweep);
  clearTimeout(deadline);
}
