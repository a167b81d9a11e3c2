import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { WEB_ORIGIN } from './api';

/**
 * Helpers for tests of the web server itself (dist/server.js, built by the suite's web server
 * command): raw HTTP from a chosen local address, and extra server processes.
 */

export interface Reply {
  status: number;
  body: string;
  /** `name=value` of each Set-Cookie. */
  cookies: string[];
}

/**
 * One HTTP request sent from the local address `from` (all of 127.0.0.0/8 is this machine, so
 * each test can be a visitor of its own). A body makes it a tRPC-style JSON POST.
 */
export function sendFrom(
  from: string,
  url: string,
  {
    body,
    headers = {},
    cookies = [],
  }: { body?: unknown; headers?: Record<string, string>; cookies?: string[] } = {},
): Promise<Reply> {
  const target = new URL(url, WEB_ORIGIN);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: body === undefined ? 'GET' : 'POST',
        localAddress: from,
        agent: false,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json', origin: WEB_ORIGIN }),
          ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0] ?? ''),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify({ json: body }));
  });
}

/** The IP addresses of the signed-in user's sessions: the current one, then the others sorted. */
export async function sessionAddresses(from: string, cookies: string[], origin = WEB_ORIGIN) {
  const list = await sendFrom(from, `${origin}/trpc/account.sessions.list`, { cookies });
  if (list.status !== 200) throw new Error(`sessions.list: HTTP ${list.status} ${list.body}`);
  const sessions = (
    JSON.parse(list.body) as { result: { data: { json: { ip: string; current: boolean }[] } } }
  ).result.data.json;
  return {
    current: sessions.filter((s) => s.current).map((s) => s.ip),
    others: sessions
      .filter((s) => !s.current)
      .map((s) => s.ip)
      .sort(),
  };
}

export interface WebServerProcess {
  /** Resolves with the output so far once it matches `pattern`. */
  printed(pattern: RegExp): Promise<string>;
  /** The origin it listens on, once it says so; rejects if it exits first. */
  origin(): Promise<string>;
  exited: Promise<{ code: number | null; output: string }>;
  kill(signal: NodeJS.Signals): void;
}

const SERVER = new URL('../dist/server.js', import.meta.url).pathname;

/** Another web server process (node dist/server.js) next to the suite's, on the same API. */
export function startWebServer(env: Record<string, string>): WebServerProcess {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      API_URL: process.env.E2E_API_URL ?? 'http://127.0.0.1:4100',
      WEB_HOST: '127.0.0.1',
      WEB_PORT: '0',
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
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  );
  const printed = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      if (pattern.test(output)) resolve(output);
      else waiters.push({ pattern, resolve });
    });
  const listening = /listening on (http:\/\/\S+)/;
  return {
    printed,
    origin: () =>
      Promise.race([
        printed(listening).then((text) => text.match(listening)?.[1] ?? ''),
        exited.then(({ output }) => {
          throw new Error(`The web server exited:\n${output}`);
        }),
      ]),
    exited,
    kill: (signal) => child.kill(signal),
  };
}
