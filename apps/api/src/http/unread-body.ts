import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answered before the request body was read (a refusal, a 413): the rest of the body is still on
 * the connection, so the answer closes it; a proxy reusing it would send its next request into
 * the leftover body. A request without a body (a GET) keeps its connection: `req.complete` is
 * false for it too while the handler runs, and every health check and 404 opened a new connection.
 */
export function closeIfBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody) res.setHeader('connection', 'close');
}
