import type { LoadedScript } from '@inferschema/core/runtime';
import type { Logger } from 'pino';
import type { ServedModel } from './oip/served-model.js';
import type { ServerConfig } from './config.js';
import type { ServerMetrics } from './metrics.js';
import type { RunningRequests } from './process/running-requests.js';
import type { ServiceDocuments } from './service-documents.js';

/** Where a server is in its life: `starting` until `init` has finished, `closing` once shutdown began. */
export type ServerPhase = 'starting' | 'ready' | 'closing';

/** What every route of one server shares. */
export interface ServerContext {
  /** The script `/score` serves (the first model). */
  readonly script: LoadedScript;
  /** Every model the server serves over the Open Inference Protocol, each with its own model directory. */
  readonly models: readonly ServedModel[];
  readonly config: ServerConfig;
  readonly metrics: ServerMetrics;
  readonly documents: ServiceDocuments;
  /** The server's logger (pino, JSON lines to the log destination). */
  readonly log: Logger;
  /** Mutable: moves from `starting` to `ready` to `closing`. */
  phase: ServerPhase;
  /** The requests whose `run` is in progress. */
  readonly running: RunningRequests;
}
