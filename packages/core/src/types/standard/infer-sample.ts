import type { JsonValue } from '../../json/json-value.js';
import { appendPointer } from '../../json/json-pointer.js';
import { stringifyJson } from '../../json/stringify-json.js';
import { INTEGER_FORMATS, type NumericFormat } from '../../validation/numeric-formats.js';
import { isParameterType } from '../kind.js';
import { describeValue, isPlainObject } from './describe-value.js';
import { jsonInteger } from '../../json/json-integer.js';
import { encodeBase64 } from './encode-json.js';
import { isIntegerSample } from './integer-sample.js';
import { ArrayNode } from './nodes/array-node.js';
import { BigIntNode } from './nodes/bigint-node.js';
import { BUFFER_NODE, UINT8ARRAY_NODE } from './nodes/bytes-node.js';
import { DATE_TIME_NODE } from './nodes/date-time-node.js';
import { IntegerNode } from './nodes/integer-node.js';
import { NestedTypeNode } from './nodes/nested-type-node.js';
import { NullableNode } from './nodes/nullable-node.js';
import { ObjectNode } from './nodes/object-node.js';
import { BOOLEAN_NODE, DOUBLE_NODE, NULL_NODE, STRING_NODE } from './nodes/scalar-node.js';
import { UnionNode } from './nodes/union-node.js';
import type { InferredSample, SampleNode } from './sample-node.js';
import { unsupportedSample } from './unsupported-sample.js';

/** Keys a request may never set, so a sample may not have them either. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Where each object being inferred sits in the sample, to name the target of a cycle. */
type Ancestors = Map<object, string>;

/** A `bigint` is an int64; one beyond int64 but within uint64 can only be a uint64. */
function inferBigInt(sample: bigint, path: string): InferredSample {
  const { int64, uint64 } = INTEGER_FORMATS as Record<'int64' | 'uint64', NumericFormat>;
  if (sample < int64.min || sample > uint64.max) throw unsupportedSample(path, `${sample}n, beyond the 64-bit integer range`);
  return { node: new BigIntNode(sample <= int64.max ? 'int64' : 'uint64'), example: jsonInteger(sample) };
}

function inferNumber(sample: number, path: string): InferredSample {
  if (!Number.isFinite(sample)) throw unsupportedSample(path, `${sample} (JSON numbers are finite)`);
  return { node: DOUBLE_NODE, example: sample };
}

/** One node for the items: the distinct kinds in the sample's order; `null` joins a single other kind. */
function itemsNode(elements: readonly SampleNode[]): SampleNode | undefined {
  const kinds = new Map<string, SampleNode>();
  for (const node of elements) {
    const key = stringifyJson(node.schema);
    if (!kinds.has(key)) kinds.set(key, node);
  }
  const distinct = [...kinds.values()];
  if (distinct.length <= 1) return distinct[0];
  const others = distinct.filter((node) => node !== NULL_NODE);
  if (distinct.length === 2 && others.length === 1 && NullableNode.canWrap(others[0]!)) return new NullableNode(others[0]!);
  return new UnionNode(distinct);
}

function inferArray(sample: readonly unknown[], path: string, ancestors: Ancestors): InferredSample {
  const nodes: SampleNode[] = [];
  const example: JsonValue[] = [];
  for (let i = 0; i < sample.length; i++) {
    const element = infer(sample[i], appendPointer(path, i), ancestors);
    nodes.push(element.node);
    example.push(element.example);
  }
  return { node: new ArrayNode(itemsNode(nodes)), example };
}

function inferObject(sample: Record<string, unknown>, path: string, ancestors: Ancestors): InferredSample {
  const members = new Map<string, SampleNode>();
  const example: Record<string, JsonValue> = {};
  for (const key of Object.keys(sample)) {
    const memberPath = appendPointer(path, key);
    if (FORBIDDEN_KEYS.has(key)) throw unsupportedSample(memberPath, `the key "${key}" is never accepted from a request`);
    const member = infer(sample[key], memberPath, ancestors);
    members.set(key, member.node);
    example[key] = member.example;
  }
  return { node: new ObjectNode(members), example };
}

function inferContainer(sample: object, path: string, ancestors: Ancestors): InferredSample {
  const seenAt = ancestors.get(sample);
  if (seenAt !== undefined) throw unsupportedSample(path, `a circular reference to ${seenAt || 'the whole sample'}`);
  ancestors.set(sample, path);
  try {
    if (Array.isArray(sample)) return inferArray(sample, path, ancestors);
    return inferObject(sample as Record<string, unknown>, path, ancestors);
  } finally {
    ancestors.delete(sample);
  }
}

function inferObjectLike(sample: object, path: string, ancestors: Ancestors): InferredSample {
  if (isParameterType(sample)) return NestedTypeNode.infer(sample);
  if (isIntegerSample(sample)) return { node: new IntegerNode(sample.format), example: sample.value };
  if (sample instanceof Date) {
    if (Number.isNaN(sample.getTime())) throw unsupportedSample(path, 'an invalid Date');
    return { node: DATE_TIME_NODE, example: sample.toISOString() };
  }
  if (sample instanceof Uint8Array && (sample.constructor === Uint8Array || Buffer.isBuffer(sample))) {
    return { node: Buffer.isBuffer(sample) ? BUFFER_NODE : UINT8ARRAY_NODE, example: encodeBase64(sample) };
  }
  if (ArrayBuffer.isView(sample)) {
    throw unsupportedSample(path, `${describeValue(sample)} (use a plain array of numbers, or an NdArrayParameterType)`);
  }
  if (sample instanceof Map) throw unsupportedSample(path, 'a Map (use a plain object)');
  if (sample instanceof Set) throw unsupportedSample(path, 'a Set (use an array)');
  if (Array.isArray(sample) || isPlainObject(sample)) return inferContainer(sample, path, ancestors);
  throw unsupportedSample(path, `${describeValue(sample)} (only plain objects and arrays describe JSON)`);
}

function infer(sample: unknown, path: string, ancestors: Ancestors): InferredSample {
  switch (typeof sample) {
    case 'string':
      return { node: STRING_NODE, example: sample };
    case 'number':
      return inferNumber(sample, path);
    case 'boolean':
      return { node: BOOLEAN_NODE, example: sample };
    case 'bigint':
      return inferBigInt(sample, path);
    case 'object':
      return sample === null ? { node: NULL_NODE, example: null } : inferObjectLike(sample, path, ancestors);
    default:
      throw unsupportedSample(path, sample === undefined ? 'undefined (JSON has no undefined; use null)' : describeValue(sample));
  }
}

/**
 * Infers the schema, conversion and example of a standard sample.
 *
 * @throws TypeError naming the JSON Pointer of the first value in the sample that JSON cannot describe.
 */
export function inferSample(sample: unknown): InferredSample {
  return infer(sample, '', new Map());
}
