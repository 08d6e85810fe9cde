import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const REQUEST = 'inferschema:metrics-request';
const RESPONSE = 'inferschema:metrics-response';

interface MetricsMessage {
  readonly type: string;
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

/**
 * In the cluster primary: answers a worker's request for metrics with the sum over every worker (prom-client's
 * aggregator asks each worker for its registry).
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: MetricsMessage) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, text }),
      (error: Error) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, error: error.message }),
    );
  });
}

/**
 * In a cluster worker: registers `registry` for aggregation and returns the source `GET /metrics` reads: the
 * primary's sum over all workers, or this worker's own metrics if the primary does not answer in time (a
 * worker blocked in `run` delays the sum by up to prom-client's 5 s).
 */
export function clusterMetricsSource(registry: Registry, timeoutMs = 6_000): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
  let next = 0;
  const pending = new Map<number, (message: MetricsMessage | undefined) => void>();
  process.on('message', (message: MetricsMessage) => {
    if (message?.type === RESPONSE) pending.get(message.id)?.(message);
  });
  return () => {
    const id = next++;
    return new Promise<string>((resolve) => {
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      const settle = (message: MetricsMessage | undefined) => {
        clearTimeout(timer);
        pending.delete(id);
        if (message?.text !== undefined) resolve(message.text);
        else resolve(registry.metrics());
      };
      pending.set(id, settle);
      process.send?.({ type: REQUEST, id });
    });
  };
}
