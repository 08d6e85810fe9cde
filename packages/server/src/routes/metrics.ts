import type { RouteHandler } from '../http/exchange.js';
import type { ServerContext } from '../server-context.js';

/** Where `GET /metrics` reads its text: this process's registry, or every worker's when clustered. */
export type MetricsSource = () => Promise<string>;

/** `GET /metrics`: Prometheus text of the server's metrics. */
export function metricsHandlers(context: ServerContext, source?: MetricsSource): Record<'ops.metrics', RouteHandler> {
  const read = source ?? (() => context.metrics.registry.metrics());
  return { 'ops.metrics': async (exchange) => exchange.send(200, context.metrics.registry.contentType, await read()) };
}
