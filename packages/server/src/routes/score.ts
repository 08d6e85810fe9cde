import { Readable } from 'node:stream';
import { createScoringRequest } from '@inferschema/core/runtime';
import { InputValidationError, stringifyJson, type JsonValue } from '@inferschema/core';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { clientGoneSignal } from '../batching.js';
import { HttpError } from '../http/http-error.js';
import { bodyText, jsonObjectBody } from '../http/json-body.js';
import { MESSAGES } from '../http/messages.js';
import { queryObject } from '../http/query-object.js';
import { runReplyOf, UnserializableResultError } from '../http/run-reply.js';
import { createTimedCaller, ScoringTimeoutError, type TimedCaller } from '../http/timed-call.js';
import type { ServerContext } from '../server-context.js';

/** Response headers a script may not set: the server owns the ids and the framing. */
const PROTECTED_HEADERS = new Set(['x-request-id', 'x-ms-request-id', 'x-ms-client-request-id', 'content-length', 'transfer-encoding', 'connection']);

const asIs = (payload: unknown) => payload as string;
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** True when `run` has a parameter that receives the request headers (only then are they copied). */
function wantsHeaders(context: ServerContext): boolean {
  return context.script.parameters.some((parameter) => parameter.name === 'requestHeaders' || parameter.name === 'request_headers');
}

function headersOf(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function searchParamsOf(url: string): URLSearchParams {
  const index = url.indexOf('?');
  return new URLSearchParams(index < 0 ? '' : url.slice(index + 1));
}

/** The input of a `schema` or `text` script: the JSON object (schema) or the string (text). */
function inputOf(context: ServerContext, request: FastifyRequest): JsonValue {
  const { script } = context;
  if (request.method === 'GET') {
    const query = queryObject(searchParamsOf(request.url), script.exactIntegers);
    return script.kind === 'schema' ? query : stringifyJson(query);
  }
  const body = request.body as Buffer | undefined;
  if (script.kind === 'schema') return jsonObjectBody(request.headers['content-type'], body, script.exactIntegers);
  return body ? bodyText(body) : '';
}

function invocation(context: ServerContext, request: FastifyRequest, reply: FastifyReply, withHeaders: boolean): () => Promise<unknown> {
  const { script } = context;
  if (script.kind === 'raw') {
    const body = request.body as Buffer | undefined;
    const scoringRequest = createScoringRequest({ method: request.method, url: request.url, headers: request.headers, body: body ?? new Uint8Array(0) });
    return () => script.invokeRaw(scoringRequest);
  }
  const input = inputOf(context, request);
  const headers = withHeaders ? headersOf(request) : NO_HEADERS;
  // Only a batched request needs to know that its client left: it may still be waiting for its batch.
  const signal = script.batching ? clientGoneSignal(reply) : undefined;
  return () => script.invoke(input, { headers, signal });
}

function failed(reply: FastifyReply, status: number, message: string, runFailed: boolean): FastifyReply {
  return reply.code(status).header('x-ms-run-function-failed', runFailed ? 'True' : 'False').type('application/json').send({ message });
}

async function score(context: ServerContext, request: FastifyRequest, reply: FastifyReply, withHeaders: boolean, timed: TimedCaller): Promise<FastifyReply> {
  const { script, metrics } = context;
  if (script.kind !== 'raw' && request.method === 'OPTIONS') {
    return reply.code(200).header('allow', 'GET, POST, OPTIONS').header('x-ms-run-function-failed', 'False').send();
  }
  if (script.kind !== 'raw' && request.method === 'HEAD') throw new HttpError(405, MESSAGES.headNotAllowed);
  const call = invocation(context, request, reply, withHeaders);
  let result;
  const running = context.running.begin(request.id, reply.raw);
  try {
    result = await timed(call);
  } catch (error) {
    if (error instanceof InputValidationError) {
      metrics.scored('error', 0);
      throw new HttpError(400, error.message, { errors: error.errors });
    }
    if (error instanceof ScoringTimeoutError) {
      metrics.scored('timeout', error.timeoutMs / 1000);
      request.log.error({ requestId: request.id, timeoutMs: error.timeoutMs }, 'run() exceeded the scoring timeout');
      return failed(reply, 500, MESSAGES.scoringTimeout(error.timeoutMs), true);
    }
    if (error instanceof DOMException && error.name === 'AbortError') {
      request.log.info({ requestId: request.id }, 'The client closed the connection before its batch ran');
      return failed(reply, 499, error.message, false);
    }
    metrics.scored('error', 0);
    request.log.error({ requestId: request.id, err: error }, 'run() failed');
    return failed(reply, 500, MESSAGES.runFailed, true);
  } finally {
    context.running.end(running);
  }
  metrics.scored('success', result.elapsedMs / 1000);
  let response;
  try {
    response = runReplyOf(result.value);
  } catch (error) {
    if (!(error instanceof UnserializableResultError)) throw error;
    request.log.error({ requestId: request.id, err: error }, 'run() returned a value that cannot be sent');
    return failed(reply, 500, MESSAGES.internalError, false);
  }
  reply.code(response.status).header('x-ms-run-function-failed', 'False');
  for (const name in response.headers) if (!PROTECTED_HEADERS.has(name)) reply.header(name, response.headers[name]!);
  if (response.status >= 500) reply.header('x-ms-run-function-failed', 'True');
  reply.header('x-ms-run-fn-exec-ms', result.elapsedMs.toFixed(3));
  request.runMs = result.elapsedMs;
  if (response.body instanceof Readable) {
    response.body.once('error', (error) => request.log.error({ requestId: request.id, err: error }, 'The response stream failed midway'));
  }
  // A serializer of its own keeps fastify from adding a charset to a JSON content type: it goes out as chosen.
  return typeof response.body === 'string' ? reply.serializer(asIs).send(response.body) : reply.send(response.body);
}

/**
 * `GET|POST|OPTIONS|HEAD /score`. A `schema` script gets its parameters from the JSON body (or the query
 * string on GET), a `text` script gets the body as a string, and a `raw` script gets the whole request for
 * every method. Input mistakes are 4xx with `{ message }` (validation adds `errors`); `run` throwing or
 * running past the scoring timeout is 500 with `x-ms-run-function-failed: True`.
 */
export function scoreHandlers(context: ServerContext): Record<'azure.score' | 'azure.score-query' | 'azure.score-options' | 'azure.score-head', RouteHandlerMethod> {
  const withHeaders = wantsHeaders(context);
  const timed = createTimedCaller(context.config.scoringTimeoutMs);
  const several = context.models.length > 1 ? MESSAGES.severalModels(context.models.map((model) => model.name)) : undefined;
  const handler: RouteHandlerMethod = (request, reply) => {
    if (several !== undefined) throw new HttpError(404, several);
    if (context.phase === 'starting') throw new HttpError(503, MESSAGES.notReady);
    return score(context, request, reply, withHeaders, timed);
  };
  return { 'azure.score': handler, 'azure.score-query': handler, 'azure.score-options': handler, 'azure.score-head': handler };
}
