import { parseJson, type JsonObject } from '@inferschema/core';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';
import { decodeUtf8 } from './utf8.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** True for `application/json` and `application/<anything>+json`, with or without parameters. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_MEDIA_TYPE.test(contentType.trim());
}

/** Decodes a body as UTF-8 text, or answers 400 saying where the bytes are not UTF-8. */
export function bodyText(body: Buffer): string {
  const decoded = decodeUtf8(body);
  if ('problem' in decoded) throw new HttpError(400, MESSAGES.invalidUtf8(decoded.problem));
  return decoded.text;
}

/**
 * Reads the JSON object a `schema` script's `POST /score` must carry: checks the content type (415), the
 * body's presence, encoding and syntax, and that it is an object (400), with the reference server's messages.
 * Integers beyond ±2^53 stay exact when `exactIntegers` is set.
 *
 * @throws HttpError with the status and message of the first problem.
 * @example
 * jsonObjectBody('application/json', Buffer.from('{"data": [1, 2]}'), false); // { data: [1, 2] }
 */
export function jsonObjectBody(contentType: string | undefined, body: Buffer | undefined, exactIntegers: boolean): JsonObject {
  if (!isJsonContentType(contentType)) throw new HttpError(415, MESSAGES.expectsJson);
  if (!body || body.length === 0) throw new HttpError(400, MESSAGES.emptyBody);
  const text = bodyText(body);
  let value: unknown;
  try {
    value = parseJson(text, { exactIntegers });
  } catch (error) {
    throw new HttpError(400, MESSAGES.invalidJson((error as Error).message));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, MESSAGES.notAnObject);
  return value as JsonObject;
}
