import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { InputValidationError, ScoringResponse, stringifyJson, type JsonValue } from '@inferschema/core';
import { invokeInFormats, type FormattedResult } from '@inferschema/core/codecs';
import { createScoringRequest } from '@inferschema/core/runtime';
import { batchedClientSignal, CLIENT_GONE_LOG, isClientGone } from '../batching.js';
import { JSON_ERROR_TYPE, type Exchange, type RouteHandler } from '../http/exchange.js';
import { HttpError } from '../http/http-error.js';
import { bodyText, jsonObjectBody } from '../http/json-body.js';
import { MESSAGES } from '../http/messages.js';
import { queryObject } from '../http/query-object.js';
import { runReplyOf, UnserializableResultError, type RunReply } from '../http/run-reply.js';
import { createDeadlines, type Deadlines } from '../http/deadlines.js';
import { isJsonOnly, scoreFormatsOf, type ScriptFormats } from '../http/score-formats.js';
import type { ServerContext } from '../server-context.js';

/** Response headers a script may not set: the server owns the ids, the framing and the run time. */
const PROTECTED_HEADERS = new Set([
  'x-request-id',
  'x-ms-request-id',
  'x-ms-client-request-id',
  'content-length',
  'transfer-encoding',
  'connection',
  'x-ms-run-fn-exec-ms',
  'x-ms-run-function-failed',
]);

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** True when `run` has a parameter that receives the request headers (only then are they copied). */
function wantsHeaders(context: ServerContext): boolean {
  return context.script.parameters.some((parameter) => parameter.name === 'requestHeaders' || parameter.name === 'request_headers');
}

function headersOf(headers: IncomingHttpHeaders): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) copy[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return copy;
}

/** The input of a `schema` or `text` script: the JSON object (schema) or the string (text). */
function inputOf(context: ServerContext, exchange: Exchange): JsonValue {
  const { script } = context;
  const { req } = exchange;
  if (req.method === 'GET') {
    const query = queryObject(new URLSearchParams(exchange.query), script.exactIntegers);
    return script.kind === 'schema' ? query : stringifyJson(query);
  }
  const body = exchange.body!;
  if (script.kind === 'schema') return jsonObjectBody(req.headers['content-type'], body, script.exactIntegers);
  return bodyText(body);
}

function failed(exchange: Exchange, status: number, message: string, runFailed: boolean): void {
  exchange.send(status, JSON_ERROR_TYPE, JSON.stringify({ message }), ['x-ms-run-function-failed', runFailed ? 'True' : 'False']);
}

/** Headers the script set that the server's own (CORS) must give way to: those pairs are dropped. */
function dropOverridden(pairs: string[], scriptHeaders: Readonly<Record<string, string>>): void {
  let kept = 0;
  for (let index = 0; index < pairs.length; index += 2) {
    if (Object.hasOwn(scriptHeaders, pairs[index]!.toLowerCase()) && !PROTECTED_HEADERS.has(pairs[index]!.toLowerCase())) continue;
    pairs[kept] = pairs[index]!;
    pairs[kept + 1] = pairs[index + 1]!;
    kept += 2;
  }
  pairs.length = kept;
}

function reply(exchange: Exchange, response: RunReply, elapsedMs: number): void {
  const { status, headers, body } = response;
  const extra = ['x-ms-run-function-failed', status >= 500 ? 'True' : (headers['x-ms-run-function-failed'] ?? 'False'), 'x-ms-run-fn-exec-ms', elapsedMs.toFixed(3)];
  let contentType: string | undefined;
  for (const name in headers) {
    if (name === 'content-type') contentType = headers[name];
    else if (!PROTECTED_HEADERS.has(name)) extra.push(name, headers[name]!);
  }
  if (extra.length > 4) dropOverridden(exchange.headers, headers);
  if (typeof body === 'string' || body instanceof Uint8Array) {
    exchange.send(status, contentType ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream'), body, extra);
  } else {
    if (contentType !== undefined) extra.push('content-type', contentType);
    exchange.stream(status, extra, body);
  }
}

/** Answers a request whose `run` passed the scoring timeout (its outcome, if it ever comes, is dropped). */
function timedOut(context: ServerContext, exchange: Exchange): void {
  const timeoutMs = context.config.scoringTimeoutMs;
  context.metrics.scored('timeout', timeoutMs / 1000);
  context.log.error({ requestId: exchange.requestId, timeoutMs }, 'run() exceeded the scoring timeout');
  failed(exchange, 500, MESSAGES.scoringTimeout(timeoutMs), true);
}

/** A binary result goes out as a `ScoringResponse` of its media type; a JSON one as `run`'s value. */
function answerOf(result: FormattedResult): unknown {
  return 'bytes' in result ? new ScoringResponse(result.bytes, { headers: { 'content-type': result.mediaType } }) : result.json;
}

type InvokeOptions = { headers: Readonly<Record<string, string>>; signal?: AbortSignal };

async function score(
  context: ServerContext,
  exchange: Exchange,
  invokeOptions: InvokeOptions | undefined,
  deadlines: Deadlines<Exchange>,
  formats: ScriptFormats,
): Promise<void> {
  const { script, metrics } = context;
  const { req } = exchange;
  // Only a batched request needs to know that its client left: it may still be waiting for its batch.
  if (script.batching) invokeOptions = { headers: invokeOptions?.headers ?? headersOf(req.headers), signal: batchedClientSignal(exchange) };
  const scoringRequest =
    script.kind === 'raw' ? createScoringRequest({ method: req.method!, url: req.url!, headers: req.headers, body: exchange.body ?? new Uint8Array(0) }) : undefined;
  // The body's and the answer's formats (415 / 406 before run); JSON both ways keeps the reference server's path.
  const chosen = script.kind === 'schema' ? formats.choose(req.headers['content-type'], req.headers.accept, req.method === 'GET') : undefined;
  const binary = chosen !== undefined && !isJsonOnly(chosen) ? chosen : undefined;
  const input = script.kind === 'raw' || binary?.request.codec.carries === 'value' ? undefined : inputOf(context, exchange);
  const started = performance.now();
  deadlines.watch(exchange);
  context.running.begin(exchange);
  let value: unknown;
  try {
    const options = invokeOptions ?? { headers: headersOf(req.headers) };
    if (scoringRequest !== undefined) value = await script.invokeRaw(scoringRequest);
    else if (binary) value = answerOf(await invokeInFormats(script, binary, input === undefined ? { bytes: exchange.body ?? new Uint8Array(0) } : { json: input }, options));
    else value = await script.invoke(input!, options);
  } catch (error) {
    if (!deadlines.settle(exchange)) return;
    if (performance.now() - started > context.config.scoringTimeoutMs) return timedOut(context, exchange);
    if (error instanceof InputValidationError) {
      metrics.scored('error', 0);
      throw new HttpError(400, error.message, { errors: error.errors });
    }
    if (isClientGone(error)) {
      context.log.info({ requestId: exchange.requestId }, CLIENT_GONE_LOG);
      return failed(exchange, 499, error.message, false);
    }
    metrics.scored('error', 0);
    context.log.error({ requestId: exchange.requestId, err: error }, 'run() failed');
    return failed(exchange, 500, MESSAGES.runFailed, true);
  } finally {
    context.running.end(exchange);
  }
  if (!deadlines.settle(exchange)) return;
  const elapsedMs = performance.now() - started;
  if (elapsedMs > context.config.scoringTimeoutMs) return timedOut(context, exchange);
  metrics.scored('success', elapsedMs / 1000);
  exchange.runMs = elapsedMs;
  let response;
  try {
    response = runReplyOf(value);
  } catch (error) {
    if (!(error instanceof UnserializableResultError)) throw error;
    context.log.error({ requestId: exchange.requestId, err: error }, 'run() returned a value that cannot be sent');
    return failed(exchange, 500, MESSAGES.internalError, false);
  }
  reply(exchange, response, elapsedMs);
}

/**
 * `GET|POST|OPTIONS|HEAD /score`. A `schema` script gets its parameters from the JSON body (or the query
 * string on GET), a `text` script gets the body as a string, and a `raw` script gets the whole request for
 * every method. Input mistakes are 4xx with `{ message }` (validation adds `errors`); `run` throwing or
 * running past the scoring timeout is 500 with `x-ms-run-function-failed: True`.
 */
export function scoreHandlers(context: ServerContext): Record<'azure.score' | 'azure.score-query' | 'azure.score-options' | 'azure.score-head', RouteHandler> {
  // Without a headers parameter every call shares one options object; with one, each gets its copy.
  const invokeOptions = wantsHeaders(context) ? undefined : { headers: NO_HEADERS };
  const formats = scoreFormatsOf(context.script);
  const deadlines = createDeadlines<Exchange>(context.config.scoringTimeoutMs, (exchange) => timedOut(context, exchange));
  const several = context.models.length > 1 ? MESSAGES.severalModels(context.models.map((model) => model.name)) : undefined;
  const handler: RouteHandler = (exchange) => {
    if (several !== undefined) throw new HttpError(404, several);
    if (context.phase === 'starting') throw new HttpError(503, MESSAGES.notReady);
    return score(context, exchange, invokeOptions, deadlines, formats);
  };
  const raw = context.script.kind === 'raw';
  return {
    'azure.score': handler,
    'azure.score-query': handler,
    'azure.score-options': raw
      ? handler
      : (exchange) => exchange.send(200, undefined, undefined, ['allow', 'GET, POST, OPTIONS', 'x-ms-run-function-failed', 'False']),
    'azure.score-head': raw
      ? handler
      : () => {
          throw new HttpError(405, MESSAGES.headNotAllowed);
        },
  };
}
