export { NDARRAY_DTYPES, type NdArrayDataOf, type NdArrayDType } from './dtype.js';
export type { FlatData, NdArray } from './ndarray-like.js';
export type { NestedArray, NestedLeafOf, NestedSampleLeaf } from './nested-sample.js';
export {
  NdArrayParameterType,
  type DTypeOfSample,
  type NdArrayOf,
  type NdArrayOptions,
  type NdArrayParameterTypeConstructor,
  type NdArraySample,
} from './ndarray-parameter-type.js';
