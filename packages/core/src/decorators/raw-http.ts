import type { ScoringRequest } from '../script/contract.js';
import { RAW_HTTP } from './metadata.js';
import { markFunctionOrMethod } from './method-decorator.js';

/**
 * Marks a `run` that receives the whole HTTP request (a {@link ScoringRequest}: method, path, headers, query,
 * raw body bytes) instead of a parsed body, for binary input such as images. It may return a
 * `ScoringResponse` (any status, headers and body) or any JSON value. It cannot be combined with
 * `@inputSchema`.
 *
 * @example
 * class Echo {
 *   init() {}
 *   @rawHttp run(request: ScoringRequest) {
 *     return new ScoringResponse(request.body, { headers: { 'content-type': 'image/png' } });
 *   }
 * }
 * // or, without a class:
 * export const run = rawHttp((request: ScoringRequest) => ({ size: request.body.length }));
 */
export function rawHttp<F extends (request: ScoringRequest, ...rest: any[]) => unknown>(run: F): F;
export function rawHttp<F extends (request: ScoringRequest, ...rest: any[]) => unknown>(value: F, context: ClassMethodDecoratorContext<any, F>): void;
export function rawHttp<F extends (request: ScoringRequest, ...rest: any[]) => unknown>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<F>,
): void;
export function rawHttp(...args: unknown[]): unknown {
  return markFunctionOrMethod('rawHttp', RAW_HTTP, args);
}
