/**
 * Closed-loop load for the catalog benchmark: `inFlight` requests at a time over keep-alive
 * connections, each sent when the previous one of its slot was answered, for a fixed time; every
 * answer's latency kept, so percentiles are exact (autocannon's are whole milliseconds).
 */
import { Agent, request } from 'node:http';

export interface Latencies {
  /** Milliseconds of each successful request, sorted. */
  ms: number[];
  seconds: number;
  errors: string[];
}

export function get(
  agent: Agent,
  port: number,
  path: string,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function closedLoop(
  port: number,
  path: (i: number) => string,
  inFlight: number,
  seconds: number,
): Promise<Latencies> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const result: Latencies = { ms: [], seconds: 0, errors: [] };
  const started = performance.now();
  const until = started + seconds * 1000;
  let sent = 0;
  const slot = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        const res = await get(agent, port, path(sent++));
        if (res.status === 200) result.ms.push(performance.now() - t0);
        else result.errors.push(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
      } catch (error) {
        result.errors.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, slot));
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  result.ms.sort((a, b) => a - b);
  return result;
}

/** The `p` quantile (0–1) of sorted values; NaN when there are none. */
export function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}
