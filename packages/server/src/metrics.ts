import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The Prometheus metrics of one server, in a registry of its own (several servers can share a process). */
export interface ServerMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestDuration: Histogram<'route'>;
  readonly runDuration: Histogram<'outcome'>;
  readonly inFlight: Gauge;
}

/** The outcome label of `inferschema_run_duration_seconds`. */
export type RunOutcome = 'success' | 'error' | 'timeout';

/**
 * Creates the server's metrics: request counts by route and status, request latency, time spent in `run`,
 * in-flight requests, and Node's process metrics (event-loop lag, memory, CPU), all prefixed `inferschema_`
 * except the process ones (`process_`, `nodejs_`).
 *
 * @example
 * const metrics = createServerMetrics();
 * await metrics.registry.metrics(); // Prometheus text
 */
export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'inferschema_http_requests_total',
      help: 'HTTP requests answered, by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'inferschema_http_request_duration_seconds',
      help: 'Time from receiving a request to sending its response, by route.',
      labelNames: ['route'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    runDuration: new Histogram({
      name: 'inferschema_run_duration_seconds',
      help: "Time spent scoring a request (decode, the script's run, encode), by outcome.",
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: 'inferschema_http_requests_in_flight',
      help: 'Requests received and not yet answered.',
      registers: [registry],
    }),
  };
}
