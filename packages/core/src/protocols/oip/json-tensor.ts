import type { JsonValue } from '../../json/json-value.js';
import { jsonInteger } from '../../json/json-integer.js';
import type { TypedArray } from '../../types/typed-array.js';
import { INTEGER_RANGES, TYPED_ARRAYS, type NumericDatatype, type OipDatatype } from './datatype.js';
import { invalid } from './oip-error.js';
import type { TensorValues } from './tensor.js';
import { packedMap } from '../../json/packed-map.js';

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * The elements of JSON tensor data in row-major order: `data` flat (exactly `count` elements) or nested as
 * the shape says (each level's length checked). Returns `data` itself when it is flat.
 */
function flatElements(data: unknown, shape: readonly number[], count: number, label: string): readonly unknown[] {
  if (!Array.isArray(data)) throw invalid(`${label}: data must be an array, not ${describe(data)}`);
  if (data.length === 0 || !Array.isArray(data[0])) {
    if (data.length !== count) throw invalid(`${label}: shape [${shape.join(', ')}] needs ${count} elements, but data has ${data.length}`);
    return data;
  }
  const flat = new Array<unknown>(count);
  let next = 0;
  const visit = (level: unknown, depth: number, path: string): void => {
    if (!Array.isArray(level)) throw invalid(`${label}: data${path} must be an array of ${shape[depth]} (shape [${shape.join(', ')}]), not ${describe(level)}`);
    if (level.length !== shape[depth]) {
      throw invalid(`${label}: data${path} has ${level.length} elements, but dimension ${depth} of shape [${shape.join(', ')}] is ${shape[depth]}`);
    }
    if (depth === shape.length - 1) {
      for (const element of level) {
        if (Array.isArray(element)) throw invalid(`${label}: data${path} nests deeper than shape [${shape.join(', ')}]`);
        flat[next++] = element;
      }
    } else level.forEach((child, index) => visit(child, depth + 1, `${path}[${index}]`));
  };
  if (shape.length === 0) throw invalid(`${label}: nested data needs a shape with dimensions`);
  visit(data, 0, '');
  return flat;
}

/**
 * Reads JSON tensor data (flat or nested row-major) into the elements of `datatype`: a typed array for
 * numbers (integers exact and in range, 64-bit ones as `bigint`), booleans, or strings for BYTES (byte arrays
 * are accepted too, as gRPC's `bytes_contents` gives them). No value is coerced: `"1"` is not a number.
 *
 * @throws OipError naming `label`, the element and what was expected.
 * @example
 * readJsonTensor([[1, 2], [3, 4]], 'UINT32', [2, 2], 4, "input 'x'"); // Uint32Array [1, 2, 3, 4]
 */
export function readJsonTensor(data: unknown, datatype: OipDatatype, shape: readonly number[], count: number, label: string): TensorValues {
  const elements = flatElements(data, shape, count, label);
  switch (datatype) {
    case 'BOOL': {
      const values = new Array<boolean>(count);
      for (let i = 0; i < count; i++) {
        const element = elements[i];
        if (typeof element !== 'boolean') throw invalid(`${label}: element ${i} is ${describe(element)}, expected a boolean (BOOL)`);
        values[i] = element;
      }
      return values;
    }
    case 'BYTES': {
      for (let i = 0; i < count; i++) {
        const element = elements[i];
        if (typeof element !== 'string' && !(element instanceof Uint8Array)) throw invalid(`${label}: element ${i} is ${describe(element)}, expected a string (BYTES)`);
      }
      return elements as readonly (string | Uint8Array)[];
    }
    case 'FP16':
      throw invalid(`${label}: datatype FP16 is not supported (JavaScript has no 16-bit float array); send FP32`);
    case 'FP32':
    case 'FP64':
      return readFloats(elements, datatype, count, label);
    default:
      return readIntegers(elements, datatype, count, label);
  }
}

function readFloats(elements: readonly unknown[], datatype: 'FP32' | 'FP64', count: number, label: string): TypedArray {
  const values = datatype === 'FP32' ? new Float32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const element = elements[i];
    const value = typeof element === 'number' ? element : typeof element === 'bigint' ? Number(element) : NaN;
    if (Number.isNaN(value)) throw invalid(`${label}: element ${i} is ${describe(element)}, expected a number (${datatype})`);
    values[i] = value;
    if (!Number.isFinite(values[i]!)) throw invalid(`${label}: element ${i} is ${describe(element)}, beyond the range of ${datatype}`);
  }
  return values;
}

function readIntegers(elements: readonly unknown[], datatype: NumericDatatype, count: number, label: string): TypedArray {
  const [min, max] = INTEGER_RANGES[datatype]!;
  const expected = `an integer from ${min} to ${max} (${datatype})`;
  const values = new TYPED_ARRAYS[datatype](count);
  const wide = datatype === 'INT64' || datatype === 'UINT64';
  const low = Number(min);
  const high = Number(max);
  for (let i = 0; i < count; i++) {
    const element = elements[i];
    if (typeof element === 'number') {
      if (!Number.isInteger(element)) throw invalid(`${label}: element ${i} is ${describe(element)}, expected ${expected}`);
      if (wide ? !Number.isSafeInteger(element) : element < low || element > high) {
        const why = wide ? 'beyond ±2^53, so it was not read exactly (send it as an exact integer literal)' : `expected ${expected}`;
        throw invalid(`${label}: element ${i} is ${describe(element)}, ${why}`);
      }
      if (wide && element < 0 && datatype === 'UINT64') throw invalid(`${label}: element ${i} is ${element}, expected ${expected}`);
      values[i] = wide ? BigInt(element) : element;
    } else if (typeof element === 'bigint') {
      if (element < min || element > max) throw invalid(`${label}: element ${i} is ${element}, expected ${expected}`);
      values[i] = wide ? element : Number(element);
    } else throw invalid(`${label}: element ${i} is ${describe(element)}, expected ${expected}`);
  }
  return values;
}

const decoder = new TextDecoder();

/**
 * The JSON `data` of a tensor (flat, row-major): numbers, `bigint` beyond ±2^53 (`stringifyJson` writes it
 * exactly), booleans, and strings for BYTES (byte elements read as UTF-8).
 *
 * @example
 * writeJsonTensor(Float32Array.of(1.5, 2), 'FP32'); // [1.5, 2]
 */
export function writeJsonTensor(values: TensorValues, datatype: OipDatatype): JsonValue[] {
  if (datatype === 'BYTES') return packedMap(values as readonly (string | Uint8Array)[], (value) => (typeof value === 'string' ? value : decoder.decode(value)));
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return packedMap<bigint, JsonValue>(values, (value) => jsonInteger(value));
  return packedMap(values as ArrayLike<number | boolean>, (value) => value);
}
