import { isOipDatatype, OIP_DATATYPES } from './datatype.js';
import { readJsonTensor } from './json-tensor.js';
import { invalid } from './oip-error.js';
import { readRawTensor } from './raw-tensor.js';
import type { InputTensorInit, Tensor } from './tensor.js';

/** The number of elements of a shape, checked: every dimension a non-negative integer, the product exact. */
export function elementCount(shape: unknown, label: string): { shape: number[]; count: number } {
  if (!Array.isArray(shape)) throw invalid(`${label}: shape must be an array of dimensions`);
  const dimensions: number[] = [];
  let count = 1;
  for (const dimension of shape as unknown[]) {
    const size = typeof dimension === 'bigint' && dimension <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(dimension) : dimension;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
      throw invalid(`${label}: shape [${(shape as unknown[]).map(String).join(', ')}] must hold non-negative integers`);
    }
    dimensions.push(size);
    count *= size;
  }
  if (!Number.isSafeInteger(count) || count > 2 ** 32) throw invalid(`${label}: shape [${dimensions.join(', ')}] has too many elements`);
  return { shape: dimensions, count };
}

/**
 * Checks an input tensor as a transport received it (name, datatype, shape, and exactly one of `data` and
 * `raw`) and reads its elements, without yet comparing it with the model's metadata.
 *
 * @throws OipError (`invalid-argument`) naming the tensor.
 * @example
 * readInputTensor({ name: 'x', datatype: 'FP32', shape: [2], data: [1, 2] }); // { name: 'x', …, values: Float32Array [1, 2] }
 */
export function readInputTensor(init: InputTensorInit, index: number): Tensor {
  if (typeof init !== 'object' || init === null) throw invalid(`input ${index} must be an object with name, shape, datatype and data`);
  const { name, datatype } = init;
  if (typeof name !== 'string' || name === '') throw invalid(`input ${index} needs a name (a non-empty string)`);
  const label = `input '${name}'`;
  if (!isOipDatatype(datatype)) {
    throw invalid(`${label}: datatype ${datatype === undefined ? 'is missing' : JSON.stringify(datatype) + ' is unknown'}; it must be one of ${OIP_DATATYPES.join(', ')}`);
  }
  const { shape, count } = elementCount(init.shape, label);
  if (init.raw !== undefined && init.data !== undefined) throw invalid(`${label}: has both data and binary data`);
  if (init.raw !== undefined) return { name, datatype, shape, values: readRawTensor(init.raw, datatype, count, label) };
  if (init.data === undefined) throw invalid(`${label}: has no data (and no binary_data_size)`);
  return { name, datatype, shape, values: readJsonTensor(init.data, datatype, shape, count, label) };
}
