import type { RequestIds } from './request-ids.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The id headers of this request's response (set by the first hook). */
    requestIds: RequestIds | null;
    /** Milliseconds spent in `run`, for the request log (set by `/score`). */
    runMs: number | null;
    /** `performance.now()` when the request arrived; 0 once it is no longer in flight. */
    receivedAt: number;
  }
}

export {};
