import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const apiDir = resolve(import.meta.dirname, '..');

export interface ApiProcess {
  /** Where it listens (its `api listening` line). */
  url: string;
  pid: number;
  /** Its log lines so far (JSON), and what it wrote that was not JSON. */
  lines: Record<string, unknown>[];
  /** Sends `signal` (SIGTERM: a graceful stop); resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
  exited: Promise<Exit>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The real API entry (`src/main.ts`, through tsx as `pnpm dev` runs it) in a child process, with
 * `env` added to this one's; resolves once it logs that it listens (`listenedWhen` picks the line:
 * the cluster primary logs another). Rejects with its output when it ends first.
 */
export function startApiProcess(
  env: Record<string, string>,
  listenedWhen = 'api listening',
  timeoutMs = 120_000,
): Promise<ApiProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const other: string[] = [];
  const exited = new Promise<Exit>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return new Promise<ApiProcess>((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the API did not listen within ${timeoutMs} ms:\n${other.join('\n')}`));
    }, timeoutMs);
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream as NodeJS.ReadableStream }).on('line', (text) => {
        let line: Record<string, unknown>;
        try {
          line = JSON.parse(text) as Record<string, unknown>;
        } catch {
          other.push(text);
          return;
        }
        lines.push(line);
        if (line.msg === listenedWhen) {
          clearTimeout(timer);
          ready({
            url: line.url as string,
            pid: child.pid as number,
            lines,
            exited,
            stop(signal = 'SIGTERM') {
              if (child.exitCode === null && child.signalCode === null) child.kill(signal);
              return exited;
            },
          });
        }
      });
    void exited.then((how) => {
      clearTimeout(timer);
      fail(
        new Error(`the API ended (${JSON.stringify(how)}) before listening:\n${other.join('\n')}`),
      );
    });
  });
}
