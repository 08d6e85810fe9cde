import type { RouteDeclaration } from '@inferschema/core/protocols';
import type { RequestIds } from './request-ids.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's declaration in the route table (absent for fastify's own 404 route). */
    declaration?: RouteDeclaration;
  }
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
