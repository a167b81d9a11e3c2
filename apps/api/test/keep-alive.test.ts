import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from './helpers.ts';

const app = useTestApp();
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
afterAll(() => agent.destroy());

interface Answer {
  status: number;
  connection: string | undefined;
  socket: Socket;
}

function send(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(`${app().url}${path}`, {
      agent,
      method: init.method ?? 'GET',
      headers: init.headers,
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          socket: req.socket as Socket,
        }),
      );
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('keep-alive connections', () => {
  it('are kept by answers to requests without a body: health, 404, a tRPC query', async () => {
    const first = await send('/healthz');
    for (const path of ['/healthz', '/no-such-route', '/trpc/catalog.categories', '/readyz']) {
      const answer = await send(path);
      expect(answer.connection, path).not.toBe('close');
      expect(answer.socket, path).toBe(first.socket);
    }
  });

  it('are closed by a refusal that leaves a body unread', async () => {
    const refused = await send('/trpc/cart.add', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ json: { variantId: 'x', quantity: 1 } }),
    });
    expect(refused.status).toBe(403);
    expect(refused.connection).toBe('close');
  });
});
