import { createServer, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { endAfterReads } from '../src/http/end-after-reads.ts';

describe('endAfterReads', () => {
  it('writes the answers of requests read in one turn after all of them were handled', async () => {
    const events: string[] = [];
    const server = createServer((req, res) => {
      events.push(`handled ${req.url}`);
      res.on('prefinish', () => events.push(`ended ${req.url}`));
      endAfterReads(res, `answer to ${req.url}`);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    try {
      // Three pipelined requests in one packet: the server reads them in one turn.
      const received = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk;
          if (text.includes('answer to /c')) {
            socket.end();
            resolve(text);
          }
        });
        socket.on('error', reject);
        socket.write(
          ['/a', '/b', '/c'].map((path) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''),
        );
      });
      expect(events).toEqual([
        'handled /a',
        'handled /b',
        'handled /c',
        'ended /a',
        'ended /b',
        'ended /c',
      ]);
      expect(received.indexOf('answer to /a')).toBeLessThan(received.indexOf('answer to /b'));
      expect(received).toContain('answer to /c');
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  it('still sends the other answers when ending one fails, and destroys that one', async () => {
    const sent: (string | undefined)[] = [];
    const destroyed: unknown[] = [];
    const answer = (fails: boolean) =>
      ({
        end(body?: string) {
          if (fails) throw new Error('socket gone');
          sent.push(body);
        },
        destroy(error: unknown) {
          destroyed.push(error);
        },
      }) as unknown as ServerResponse;
    endAfterReads(answer(false), 'first');
    endAfterReads(answer(true), 'broken');
    endAfterReads(answer(false), 'third');
    expect(sent).toEqual([]);
    await new Promise((done) => setImmediate(done));
    expect(sent).toEqual(['first', 'third']);
    expect(destroyed).toHaveLength(1);
  });
});
