/** A part the API needs: answers true when it works (false or an error when it does not). */
export type Probe = () => Promise<boolean>;

export interface ReadinessProbes {
  database: Probe;
  /** Only when REDIS_URL is configured. */
  redis?: Probe;
  /** The background job queue (pg-boss); absent where the server runs without one (tests). */
  jobs?: Probe;
}

export interface ReadinessReport {
  status: 'ready' | 'unready';
  checks: Partial<Record<keyof ReadinessProbes, { ok: boolean }>>;
}

/** A probe slower than this counts as down: a hung dependency must not hang the probe. */
const PROBE_TIMEOUT_MS = 2_000;

/** `/readyz`: every configured part asked at once; ready only when each answers in time. */
export function createReadiness(
  probes: ReadinessProbes,
  timeoutMs = PROBE_TIMEOUT_MS,
): () => Promise<ReadinessReport> {
  const parts = Object.entries(probes).filter(
    (entry): entry is [keyof ReadinessProbes, Probe] => entry[1] !== undefined,
  );
  return async () => {
    const results = await Promise.all(parts.map(([, probe]) => answers(probe, timeoutMs)));
    const checks: ReadinessReport['checks'] = {};
    parts.forEach(([name], i) => {
      checks[name] = { ok: results[i] === true };
    });
    return { status: results.every(Boolean) ? 'ready' : 'unready', checks };
  };
}

async function answers(probe: Probe, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((done) => {
    timer = setTimeout(() => done(false), timeoutMs);
  });
  try {
    return await Promise.race([probe().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
