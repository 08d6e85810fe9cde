import type { OpenApiVersion } from '@inferschema/core';
import { parseOpenApiVersion } from '@inferschema/openapi';
import type { RouteHandler } from '../http/exchange.js';
import { HttpError } from '../http/http-error.js';
import { MESSAGES } from '../http/messages.js';
import type { ServerContext } from '../server-context.js';

const SHORT_NAMES: Readonly<Record<OpenApiVersion, string>> = { '2.0': '2', '3.0': '3', '3.1': '3.1' };

function firstVersionParameter(query: string): string | undefined {
  return query === '' ? undefined : (new URLSearchParams(query).get('version') ?? undefined);
}

/**
 * `GET /swagger.json?version=2|3|3.1` (also `2.0`, `3.0`; default 2): the document generated at start, or
 * 404 with the reference server's message for a version that is not valid or that the script cannot be
 * described in.
 */
export function swaggerHandlers(context: ServerContext): Record<'azure.swagger', RouteHandler> {
  const available = [...context.documents.keys()].map((version) => SHORT_NAMES[version]).join(', ');
  return { 'azure.swagger': (exchange) => {
    const given = firstVersionParameter(exchange.query) ?? '2';
    const version = parseOpenApiVersion(given);
    if (!version) throw new HttpError(404, MESSAGES.swaggerVersionInvalid(given, available));
    const document = context.documents.get(version);
    if (!document) throw new HttpError(404, MESSAGES.swaggerVersionUnsupported(given, available));
    exchange.send(200, 'application/json; charset=utf-8', document.text, ['x-ms-run-function-failed', 'False']);
  } };
}
