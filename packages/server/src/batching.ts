import type { ServerResponse } from 'node:http';
import type { BatchOptions } from '@inferschema/core';
import type { LoadedScript } from '@inferschema/core/runtime';
import type { ServerConfig } from './config.js';
import type { ServerMetrics } from './metrics.js';

/**
 * Applies the server's batching flags to a model whose script is declared with `@batch` (`batchMaxSize: 0`
 * turns batching off) and sends each batch to the metrics under the model's name. Returns the batching in
 * effect (undefined: none).
 */
export function configureModelBatching(model: { readonly name: string; readonly script: LoadedScript }, config: ServerConfig, metrics: ServerMetrics): BatchOptions | undefined {
  return model.script.configureBatching({
    ...(config.batchMaxSize === 0 ? { enabled: false } : {}),
    ...(config.batchMaxSize ? { maxBatchSize: config.batchMaxSize } : {}),
    ...(config.batchMaxLatencyMs === undefined ? {} : { maxLatencyMs: config.batchMaxLatencyMs }),
    observe: (report) => metrics.batched(model.name, report),
  });
}

/** What the server logs (at info) for a batched request whose client left before its batch ran. */
export const CLIENT_GONE_LOG = 'The client closed the connection before its batch ran';

/**
 * A signal that aborts when the client goes away before its response is sent (the connection closed), so a
 * batched request still queued leaves its batch.
 */
export function clientGoneSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new DOMException('The client closed the connection', 'AbortError'));
  });
  return controller.signal;
}

/** True for the error a batched call rejects with when its {@link clientGoneSignal} aborted. */
export function isClientGone(error: unknown): error is DOMException {
  return error instanceof DOMException && error.name === 'AbortError';
}
