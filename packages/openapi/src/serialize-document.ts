import { stringifyJson } from '@inferschema/core';

/**
 * Writes a document as JSON with two-space indentation and a final newline. Documents are built with a fixed
 * key order, so the same script always gives the same bytes; integers beyond ±2^53 in examples are written
 * exactly.
 *
 * @example
 * await writeFile('swagger.json', serializeDocument(buildServiceDocument(schemas, { version: '2.0' })));
 */
export function serializeDocument(document: unknown): string {
  return `${stringifyJson(document, 2)}\n`;
}
