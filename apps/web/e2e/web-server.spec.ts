import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';

/**
 * The web server process itself (dist/server.js, built by the suite's web server command): how it
 * fails, what it adds to every response, how it stops.
 */

const SERVER = new URL('../dist/server.js', import.meta.url).pathname;
const WEB_ORIGIN = new URL(process.env.E2E_WEB_ORIGIN ?? 'http://127.0.0.1:3100');

interface Run {
  /** Resolves with stdout once it matches `pattern`. */
  printed(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; output: string }>;
  kill(signal: NodeJS.Signals): void;
}

function startServer(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      API_URL: process.env.E2E_API_URL ?? 'http://127.0.0.1:4100',
      WEB_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { pattern: RegExp; resolve(text: string): void }[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk;
    for (const w of waiters) if (w.pattern.test(output)) w.resolve(output);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return {
    printed: (pattern) =>
      new Promise((resolve) => {
        if (pattern.test(output)) resolve(output);
        else waiters.push({ pattern, resolve });
      }),
    exited: new Promise((resolve) => child.on('close', (code) => resolve({ code, output }))),
    kill: (signal) => child.kill(signal),
  };
}

test('a taken port: one line naming the port and WEB_PORT, exit code 1', async () => {
  const run = startServer({ WEB_PORT: WEB_ORIGIN.port });
  const { code, output } = await run.exited;
  expect(code).toBe(1);
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`:${WEB_ORIGIN.port}`);
  expect(lines[0]).toContain('WEB_PORT');
});

test('a build made for another API_URL refuses to start, saying so', async () => {
  const run = startServer({ WEB_PORT: '0', API_URL: 'http://127.0.0.1:1' });
  const { code, output } = await run.exited;
  expect(code).toBe(1);
  expect(output.trim().split('\n')).toHaveLength(1);
  expect(output).toContain('API_URL is http://127.0.0.1:1');
});

test('an HTTPS shop gets HSTS on every response; SIGTERM stops the server cleanly', async ({
  request,
}) => {
  const run = startServer({ WEB_PORT: '0', PUBLIC_URL: 'https://shop.example.test' });
  const ready = await Promise.race([
    run.printed(/listening on (http:\/\/\S+)/),
    run.exited.then(({ output }) => {
      throw new Error(`The web server exited:\n${output}`);
    }),
  ]);
  const origin = ready.match(/listening on (http:\/\/\S+)/)?.[1] ?? '';
  try {
    for (const path of ['/sign-in', '/icon.svg', '/trpc/catalog.categories']) {
      const res = await request.get(`${origin}${path}`);
      expect(res.headers()['strict-transport-security'], path).toBe(
        'max-age=63072000; includeSubDomains',
      );
    }
    const page = await request.get(`${origin}/sign-in`);
    expect(page.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
  } finally {
    run.kill('SIGTERM');
  }
  const { code, output } = await run.exited;
  expect(code, output).toBe(0);
});
