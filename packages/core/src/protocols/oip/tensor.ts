import type { TypedArray } from '../../types/typed-array.js';
import type { OipDatatype } from './datatype.js';

/** A parameter value of a request, tensor or response: `$parameter = $string | $number | $boolean`. */
export type OipParameterValue = string | number | boolean | bigint;

/** `$parameters`: name → value. */
export type OipParameters = Readonly<Record<string, OipParameterValue>>;

/** `$metadata_tensor`: a model input or output as the model metadata describes it; `-1` is a free dimension. */
export interface TensorMetadata {
  readonly name: string;
  readonly datatype: OipDatatype;
  readonly shape: readonly number[];
}

/**
 * The elements of a tensor, row-major: a typed array for the numeric datatypes, booleans for `BOOL`, and for
 * `BYTES` strings (JSON carries text) or byte arrays (binary data and gRPC carry bytes).
 */
export type TensorValues = TypedArray | readonly boolean[] | readonly (string | Uint8Array)[];

/** A tensor with its elements: a request input once read, or a response output. */
export interface Tensor {
  readonly name: string;
  readonly datatype: OipDatatype;
  readonly shape: readonly number[];
  readonly values: TensorValues;
}

/**
 * An input tensor as a transport received it, not yet checked: the REST JSON `$request_input` (`data`),
 * followed by its binary section (`raw`, the binary tensor data extension), or gRPC's `InferInputTensor`
 * (`data` from `contents`, or `raw` from `raw_input_contents`). Exactly one of `data` and `raw` is set.
 */
export interface InputTensorInit {
  readonly name: unknown;
  readonly datatype: unknown;
  readonly shape: unknown;
  readonly parameters?: unknown;
  /** The elements, flat or nested row-major (JSON); for BYTES strings or byte arrays. */
  readonly data?: unknown;
  /** The elements as raw little-endian bytes; BYTES elements each prefixed by a 4-byte little-endian length. */
  readonly raw?: Uint8Array;
}
