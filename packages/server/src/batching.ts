import type { ServerResponse } from 'node:http';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { BatchSettings } from '@inferschema/core';
import type { LoadedScript } from '@inferschema/core/runtime';
import type { ServerConfig } from './config.js';
import type { Exchange } from './http/exchange.js';
import type { ServerMetrics } from './metrics.js';

/**
 * Applies the server's batching flags to a model whose script is declared with `@batch` (`batchMaxSize: 0`
 * turns batching off) and sends each batch, and each change of the queue's length, to the metrics under the
 * model's name. Returns the batching in effect (undefined: none).
 */
export function configureModelBatching(model: { readonly name: string; readonly script: LoadedScript }, config: ServerConfig, metrics: ServerMetrics): BatchSettings | undefined {
  const batching = model.script.configureBatching({
    ...(config.batchMaxSize === 0 ? { enabled: false } : {}),
    ...(config.batchMaxSize ? { maxBatchSize: config.batchMaxSize } : {}),
    ...(config.batchMaxLatencyMs === undefined ? {} : { maxLatencyMs: config.batchMaxLatencyMs }),
    ...(config.batchMaxConcurrent === undefined ? {} : { maxConcurrentBatches: config.batchMaxConcurrent }),
    observe: {
      batchStarted: (report) => metrics.batched(model.name, report),
      queueChanged: (waiting) => metrics.batchQueued(model.name, waiting),
    },
  });
  // The queue's gauge shows 0 from the start, not only once a request has waited.
  if (batching) metrics.batchQueued(model.name, 0);
  return batching;
}

/** What the server logs (at info) for a batched request whose client left before its batch ran. */
export const CLIENT_GONE_LOG = 'The client closed the connection before its batch ran';

/** Where a client's departure shows: an HTTP response closed before it finished, or a cancelled gRPC call. */
type ClientEnd = ServerResponse | ServerUnaryCall<unknown, unknown>;

/**
 * A signal that aborts when the client goes away before its answer is sent (the HTTP connection closed, or
 * the gRPC call was cancelled or passed its deadline), so a batched request still queued leaves its batch.
 */
export function clientGoneSignal(client: ClientEnd): AbortSignal {
  const controller = new AbortController();
  const gone = () => controller.abort(new DOMException('The client closed the connection', 'AbortError'));
  if ('cancelled' in client) {
    // A gRPC call may be cancelled while its request was decoded, before anyone listened.
    if (client.cancelled) gone();
    else client.once('cancelled', gone);
  } else {
    client.once('close', () => {
      if (!client.writableFinished) gone();
    });
  }
  return controller.signal;
}

/**
 * The {@link clientGoneSignal} of a batched HTTP request, which also has its answer written at once
 * (`Exchange.writeAtOnce`). Measured on mlp-2048x2 with 64 clients: answers written at the end of the turn
 * brought the clients' next requests back over several turns, and the batcher, which starts a batch as soon as
 * it is idle, ran ~31 rows per batch instead of ~57 (3,800 instead of 4,800 requests/s).
 */
export function batchedClientSignal(exchange: Exchange): AbortSignal {
  exchange.writeAtOnce = true;
  return clientGoneSignal(exchange.res);
}

/** True for the error a batched call rejects with when its {@link clientGoneSignal} aborted. */
export function isClientGone(error: unknown): error is DOMException {
  return error instanceof DOMException && error.name === 'AbortError';
}
