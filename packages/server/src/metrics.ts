import type { BatchReport } from '@inferschema/core/runtime';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { SeriesMetric } from './metrics-series.js';

const BATCH_ROW_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096];
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The outcome label of `inferschema_run_duration_seconds`. */
export type RunOutcome = 'success' | 'error' | 'timeout';

/** The Prometheus metrics of one server, in a registry of its own (several servers can share a process). */
export interface ServerMetrics {
  readonly registry: Registry;
  /** Counts a request as answered, and its latency. */
  requestAnswered(method: string, route: string, status: number, seconds: number): void;
  /** Records the time spent scoring one request. */
  scored(outcome: RunOutcome, seconds: number): void;
  requestStarted(): void;
  requestEnded(): void;
  /** Records one batch of a batched model's script: its rows, its requests, and each request's time in the queue. */
  batched(model: string, report: BatchReport): void;
  /** Sets how many requests wait in a batched model's queue. */
  batchQueued(model: string, waiting: number): void;
}

/**
 * Creates the server's metrics: `inferschema_http_requests_total{method,route,status}`,
 * `inferschema_http_request_duration_seconds{route}`, `inferschema_run_duration_seconds{outcome}`,
 * `inferschema_http_requests_in_flight`, for a batched script `inferschema_batch_rows{model}`,
 * `inferschema_batch_requests{model}`, `inferschema_batch_queue_seconds{model}` and the gauge
 * `inferschema_batch_queued_requests{model}`, and Node's process metrics (`process_*`, `nodejs_*`: CPU,
 * memory, event-loop lag, GC).
 *
 * @example
 * const metrics = createServerMetrics();
 * metrics.requestAnswered('POST', '/score', 200, 0.002);
 * metrics.batched('house-price', { rows: 12, requests: 3, queuedMs: [4, 2, 0] });
 * metrics.batchQueued('house-price', 5); // inferschema_batch_queued_requests{model="house-price"} 5
 * await metrics.registry.metrics(); // Prometheus text
 */
export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new SeriesMetric({ name: 'inferschema_http_requests_total', help: 'HTTP requests answered, by method, route and status.', type: 'counter', registry });
  const requestDuration = new SeriesMetric({
    name: 'inferschema_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response, by route.',
    type: 'histogram',
    buckets: LATENCY_BUCKETS,
    registry,
  });
  const runDuration = new SeriesMetric({
    name: 'inferschema_run_duration_seconds',
    help: "Time spent scoring a request (decode, the script's run, encode), by outcome.",
    type: 'histogram',
    buckets: LATENCY_BUCKETS,
    registry,
  });
  const batchRows = new SeriesMetric({ name: 'inferschema_batch_rows', help: 'Rows per call of a batched run, by model.', type: 'histogram', buckets: BATCH_ROW_BUCKETS, registry });
  const batchRequests = new SeriesMetric({
    name: 'inferschema_batch_requests',
    help: 'Requests per call of a batched run, by model.',
    type: 'histogram',
    buckets: BATCH_ROW_BUCKETS,
    registry,
  });
  const queueTime = new SeriesMetric({
    name: 'inferschema_batch_queue_seconds',
    help: 'Time a request of a batched script waited for its batch to start, by model.',
    type: 'histogram',
    buckets: LATENCY_BUCKETS,
    registry,
  });
  let inFlight = 0;
  new Gauge({
    name: 'inferschema_http_requests_in_flight',
    help: 'Requests received and not yet answered.',
    registers: [registry],
    collect() {
      this.set(inFlight);
    },
  });
  // Set on every request that queues or leaves the queue: a number per model, read only when scraped.
  const queued = new Map<string, number>();
  new Gauge({
    name: 'inferschema_batch_queued_requests',
    help: 'Requests of a batched script waiting in the queue for their batch to start, by model.',
    labelNames: ['model'],
    registers: [registry],
    collect() {
      for (const [model, waiting] of queued) this.set({ model }, waiting);
    },
  });
  return {
    registry,
    requestAnswered(method, route, status, seconds) {
      requests.record(`${method} ${route} ${status}`, () => ({ method, route, status: String(status) }));
      requestDuration.record(route, () => ({ route }), seconds);
    },
    scored(outcome, seconds) {
      runDuration.record(outcome, () => ({ outcome }), seconds);
    },
    requestStarted() {
      inFlight += 1;
    },
    requestEnded() {
      inFlight -= 1;
    },
    batched(model, report) {
      const labels = () => ({ model });
      batchRows.record(model, labels, report.rows);
      batchRequests.record(model, labels, report.requests);
      for (const ms of report.queuedMs) queueTime.record(model, labels, ms / 1000);
    },
    batchQueued(model, waiting) {
      queued.set(model, waiting);
    },
  };
}
