import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';

/** Where `GET /metrics` reads its text: this process's registry, or every worker's when clustered. */
export type MetricsSource = () => Promise<string>;

/** `GET /metrics`: Prometheus text of the server's metrics. */
export function registerMetricsRoute(app: FastifyInstance, context: ServerContext, source?: MetricsSource): void {
  const read = source ?? (() => context.metrics.registry.metrics());
  app.get('/metrics', async (_request, reply) => reply.type(context.metrics.registry.contentType).send(await read()));
}
