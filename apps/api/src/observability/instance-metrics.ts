import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const ASK = 'bazaar:metrics-ask';
const ANSWER = 'bazaar:metrics-answer';
/** prom-client's own wait for the instances is 5 s. */
const WAIT_MS = 6_000;

interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

const isMessage = <T extends { type: string }>(message: unknown, type: T['type']): message is T =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

/**
 * In the primary process of `API_INSTANCES=N`: when an instance is scraped it asks here, and
 * prom-client's AggregatorRegistry collects every instance's metrics and sums them (gauges that
 * every instance reads alike, such as the job queue depth, say how in their `aggregator`).
 */
export function aggregateInstanceMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage<{ type: typeof ASK; id: number }>(message, ASK)) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text } satisfies Answer),
      (err: Error) => worker.send({ type: ANSWER, id: message.id, error: err.message }),
    );
  });
}

/**
 * What `/metrics` answers. One process: its registry. An instance of several sharing one port
 * (node:cluster), where a scrape reaches whichever instance took the connection: every instance's
 * metrics summed, through the primary, so each scrape sees the whole API.
 */
export function metricsReader(registry: Registry): () => Promise<string> {
  if (!cluster.isWorker) return () => registry.metrics();
  // Answers the primary's requests for this instance's own metrics.
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
  const waiting = new Map<number, (answer: Answer) => void>();
  let next = 0;
  process.on('message', (message: unknown) => {
    if (isMessage<Answer>(message, ANSWER)) waiting.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the other API instances did not send their metrics in time'));
      }, WAIT_MS);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(answer.error ?? 'no metrics'));
      });
      process.send?.({ type: ASK, id });
    });
}
