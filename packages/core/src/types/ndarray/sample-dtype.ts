import { DTypeInference } from './dtype-inference.js';
import type { NdArrayDType } from './dtype.js';
import { viewValues, type NdArray } from './ndarray-like.js';

/** `ndarray`'s dtype names → ours. `array` and `generic` data cannot tell; their values are looked at. */
const FROM_NDARRAY: Readonly<Record<string, NdArrayDType>> = {
  int8: 'int8',
  int16: 'int16',
  int32: 'int32',
  bigint64: 'int64',
  uint8: 'uint8',
  uint8_clamped: 'uint8',
  buffer: 'uint8',
  uint16: 'uint16',
  uint32: 'uint32',
  biguint64: 'uint64',
  float16: 'float32',
  float32: 'float32',
  float64: 'float64',
};

/**
 * The dtype of a sample: from its data array when that is typed, otherwise from its values (booleans,
 * strings, dates, numbers as float64, bigints as int64/uint64).
 *
 * @throws TypeError when the values are empty or mixed, so only the `dtype` option can tell.
 */
export function sampleDType(array: NdArray): NdArrayDType {
  const known = FROM_NDARRAY[array.dtype as string];
  if (known) return known;
  const inference = new DTypeInference();
  for (const [index, value] of viewValues(array).entries()) {
    const problem = inference.add(value);
    if (problem) throw new TypeError(`NdArrayParameterType: element ${index} of the sample ${problem}; pass { dtype } or fix the sample`);
  }
  if (inference.dtype === undefined) throw new TypeError('NdArrayParameterType: an empty sample cannot tell its dtype; pass { dtype }');
  return inference.dtype;
}
