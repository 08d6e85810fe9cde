import type { OpenApiVersion } from '@inferschema/core';
import { parseOpenApiVersion } from '@inferschema/openapi';
import type { RouteHandlerMethod } from 'fastify';
import { HttpError } from '../http/http-error.js';
import { MESSAGES } from '../http/messages.js';
import type { ServerContext } from '../server-context.js';

const SHORT_NAMES: Readonly<Record<OpenApiVersion, string>> = { '2.0': '2', '3.0': '3', '3.1': '3.1' };

function firstVersionParameter(url: string): string | undefined {
  const index = url.indexOf('?');
  return index < 0 ? undefined : (new URLSearchParams(url.slice(index + 1)).get('version') ?? undefined);
}

/**
 * `GET /swagger.json?version=2|3|3.1` (also `2.0`, `3.0`; default 2): the document generated at start, or
 * 404 with the reference server's message for a version that is not valid or that the script cannot be
 * described in.
 */
export function swaggerHandlers(context: ServerContext): Record<'azure.swagger', RouteHandlerMethod> {
  const available = [...context.documents.keys()].map((version) => SHORT_NAMES[version]).join(', ');
  return { 'azure.swagger': (request, reply) => {
    const given = firstVersionParameter(request.url) ?? '2';
    const version = parseOpenApiVersion(given);
    if (!version) throw new HttpError(404, MESSAGES.swaggerVersionInvalid(given, available));
    const document = context.documents.get(version);
    if (!document) throw new HttpError(404, MESSAGES.swaggerVersionUnsupported(given, available));
    return reply.type('application/json').header('x-ms-run-function-failed', 'False').send(document.text);
  } };
}
