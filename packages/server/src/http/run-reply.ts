import { validateHeaderName, validateHeaderValue } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ScoringResponse, stringifyJson } from '@inferschema/core';

/** What the server sends for one value `run` returned. */
export interface RunReply {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | Readable;
}

/** `run` returned something that cannot be written as a response (e.g. a circular object). */
export class UnserializableResultError extends Error {
  override readonly name = 'UnserializableResultError';
}

const OCTET_STREAM = 'application/octet-stream';
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json' });

function isStream(value: unknown): value is Readable | WebReadableStream | AsyncIterable<unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return value instanceof Readable || typeof (value as WebReadableStream).getReader === 'function' || Symbol.asyncIterator in value;
}

function toReadable(value: Readable | WebReadableStream | AsyncIterable<unknown>): Readable {
  if (value instanceof Readable) return value;
  if (typeof (value as WebReadableStream).getReader === 'function') return Readable.fromWeb(value as WebReadableStream);
  return Readable.from(value as AsyncIterable<unknown>, { objectMode: false });
}

function jsonText(value: unknown): string {
  let text: string | undefined;
  try {
    text = stringifyJson(value ?? {});
  } catch (error) {
    throw new UnserializableResultError(`run returned a value that cannot be written as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw new UnserializableResultError(`run returned a ${typeof value}, which cannot be written as JSON`);
  return text;
}

/**
 * Refuses what Node could not write or must not send for a script: a 1xx status (informational: the client
 * would wait for a final answer that never comes; `ScoringResponse` already refuses anything outside 100–999)
 * and a header name or value Node refuses (`validateHeaderName`/`validateHeaderValue`). Checked before
 * anything is written, so the client gets the JSON 500 instead of a broken response.
 */
function checkSendable(status: number, headers: Readonly<Record<string, string>>): void {
  if (status < 200) throw new UnserializableResultError(`run returned status ${status}: a script's answer must have a status from 200 to 999`);
  for (const name in headers) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, headers[name]!);
    } catch (error) {
      throw new UnserializableResultError(`run returned a header Node cannot send: ${(error as Error).message}`);
    }
  }
}

/**
 * Turns what `run` returned into a response:
 * - a `ScoringResponse`: its status, headers and body (bytes as they are; a stream body is streamed);
 * - bytes (`Uint8Array`, `ArrayBuffer`): sent as they are, `application/octet-stream`;
 * - a stream (Node `Readable`, web `ReadableStream`, async iterable of bytes or strings): streamed, chunked;
 * - anything else: JSON (bigint exact); `null`/`undefined` become `{}`, as in the Azure ML server.
 *
 * @throws UnserializableResultError when the value cannot be written as JSON, or its status or a header cannot
 * be sent.
 */
export function runReplyOf(result: unknown): RunReply {
  if (result instanceof ScoringResponse) {
    checkSendable(result.status, result.headers);
    const body: unknown = result.body;
    if (isStream(body)) return { status: result.status, headers: result.headers, body: toReadable(body) };
    return { status: result.status, headers: result.headers, body: result.payload() };
  }
  if (result instanceof Uint8Array) return { status: 200, headers: { 'content-type': OCTET_STREAM }, body: result };
  if (result instanceof ArrayBuffer) return { status: 200, headers: { 'content-type': OCTET_STREAM }, body: new Uint8Array(result) };
  if (isStream(result)) return { status: 200, headers: { 'content-type': OCTET_STREAM }, body: toReadable(result) };
  return { status: 200, headers: JSON_HEADERS, body: jsonText(result) };
}
