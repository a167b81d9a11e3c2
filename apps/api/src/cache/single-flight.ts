/**
 * Concurrent calls with the same key share one run of `work`: 50 identical requests arriving
 * on a cold cache cost one database read. The key is forgotten as soon as the run settles.
 */
export function createSingleFlight<T>(): (key: string, work: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, work) => {
    const existing = running.get(key);
    if (existing) return existing;
    const run = work().finally(() => running.delete(key));
    running.set(key, run);
    return run;
  };
}
