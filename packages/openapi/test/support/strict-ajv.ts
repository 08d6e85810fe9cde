import { Ajv, type AnySchema } from 'ajv';
import { createStrictAjv } from '../../../core/src/validation/ajv.js';
import type { OpenApiVersion } from '@inferschema/core';

/** Formats inferschema schemas use on strings and numbers; an unknown one fails the strict compile. */
const FORMATS = [
  'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float', 'double',
  'date-time', 'date', 'time', 'duration', 'timedelta', 'byte', 'binary',
];

/** Document markers on containers (`numpy.ndarray`, `pandas.DataFrame:<orient>`): annotations, not assertions. */
export const CONTAINER_MARKER = /^(numpy\.ndarray|pandas\.DataFrame:[a-z]+)$/;

/**
 * Strict ajv's `strictTypes` refuses `format` on an array or object, which JSON Schema allows as an annotation;
 * the container markers are removed (and only they: a marker on a string or number, or any other format on a
 * container, is left for the compile to reject).
 */
export function withoutContainerMarkers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutContainerMarkers);
  if (typeof schema !== 'object' || schema === null) return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'enum' || key === 'const') result[key] = value;
    else if (key === 'format' && typeof value === 'string' && CONTAINER_MARKER.test(value) && isContainerSchema(schema)) continue;
    else result[key] = withoutContainerMarkers(value);
  }
  return result;
}

function isContainerSchema(schema: object): boolean {
  const type = (schema as { type?: unknown }).type;
  const types: unknown[] = Array.isArray(type) ? type : [type];
  return types.length > 0 && types.every((name) => name === 'array' || name === 'object' || name === 'null');
}

function draft07Ajv(extraKeywords: string[]): Ajv {
  const ajv = new Ajv({ strict: true, strictNumbers: true, allErrors: true });
  ajv.addVocabulary(['example', ...extraKeywords]);
  for (const format of FORMATS) ajv.addFormat(format, true);
  return ajv;
}

/**
 * The strict ajv that compiles a document version's schemas: Ajv2020 (JSON Schema 2020-12) for 3.1, ajv's
 * draft-07 with its built-in `nullable` for 3.0, and draft-07 with `x-nullable` as an annotation for 2.0.
 */
export function strictAjvFor(version: OpenApiVersion): { compile(schema: AnySchema): (data: unknown) => boolean } {
  if (version === '3.1') return createStrictAjv({ allErrors: true });
  return draft07Ajv(version === '2.0' ? ['x-nullable'] : []);
}
