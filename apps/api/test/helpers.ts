import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { appRouter, type Context, createCallerFactory, type Services } from '@bazaar/contracts';
import { createTestDatabase, type TestDatabase } from '@bazaar/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApiServer } from '../src/http/server.ts';
import type { Logger } from '../src/logger.ts';
import { createServices } from '../src/services/index.ts';

/** A database of this test file's own, cloned from the seeded demo template. */
export function useDemoDatabase(): () => TestDatabase {
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(inject('demoTemplate'));
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  return () => {
    if (!testDb) throw new Error('test database not ready');
    return testDb;
  };
}

export function servicesFor(testDb: TestDatabase): Services {
  return createServices(testDb.handle.db);
}

const createCaller = createCallerFactory(appRouter);

export function anonymousCaller(services: Services) {
  const ctx: Context = { requestId: 'test', actor: { kind: 'anonymous' }, services };
  return createCaller(ctx);
}

/** A logger whose JSON lines are kept for assertions. */
export function capturingLogger(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    log: pino({ level: 'debug' }, stream),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export interface RunningServer {
  url: string;
  lines: () => Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startServer(
  services: Services,
  ping: () => Promise<boolean> = async () => true,
): Promise<RunningServer> {
  const { log, lines } = capturingLogger();
  const server = createApiServer({ services, log, ping });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lines,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
