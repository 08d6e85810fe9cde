import ndarray from 'ndarray';
import type { JsonValue } from '../../json/json-value.js';
import { InputValidationError } from '../../validation/input-validation-error.js';
import { ParameterType } from '../parameter-type.js';
import { explainDimensions } from './dimension-messages.js';
import { isNdArrayDType, type NdArrayDataOf, type NdArrayDType } from './dtype.js';
import { exampleItemWriter, jsonItemWriter, type JsonItemWriter } from './json-items.js';
import { isFlatData, isNdArray, ndarrayOf, type FlatData, type NdArray } from './ndarray-like.js';
import { ndarraySchema } from './ndarray-schema.js';
import { nestedArrayOf, type NestedArray, type NestedLeafOf } from './nested-sample.js';
import { encodeArrayValue } from './nested-json.js';
import { readJsonData, type ReadPlan } from './read-json-data.js';
import { sampleDType } from './sample-dtype.js';

/** Options of {@link NdArrayParameterType}. */
export interface NdArrayOptions<D extends NdArrayDType = NdArrayDType> {
  /**
   * Items must have the dtype's JSON type and fit its range (default `true`): no `1.7` for an integer, no
   * `"3"`, no `300` for int8. With `false`, any number, boolean or string is accepted and the dtype is
   * inferred from the values (numbers give float64; integers beyond ±2^53 give int64 or uint64).
   */
  readonly enforceDtype?: boolean;
  /**
   * Every dimension after the first has the sample's size (default `true`). The first, the batch, is always
   * free; the number of dimensions is always enforced, and ragged input is always rejected.
   */
  readonly enforceShape?: boolean;
  /** The dtype, where the data array cannot tell it (plain arrays of booleans, strings or dates, bytes as bool). */
  readonly dtype?: D;
  /** The shape of a flat sample (a typed or plain array); one dimension of its length by default. */
  readonly shape?: readonly number[];
}

/**
 * An ndarray sample: an `ndarray`, a flat data array (one dimension unless `shape` says otherwise), or nested
 * plain arrays as `np.array` takes them (`[[1, 2, 3], [4, 5, 6]]`, shape read from the nesting).
 */
export type NdArraySample = NdArray | FlatData | NestedArray;

/** The native value an ndarray of dtype `D` decodes to. */
export type NdArrayOf<D extends NdArrayDType> = NdArray<NdArrayDataOf[D]>;

type DataOfSample<S> = S extends NdArray<infer Data>
  ? Data
  : S extends readonly (readonly unknown[])[]
    ? readonly NestedLeafOf<S>[]
    : S;

/** The dtype a sample's data array stands for (float64 for plain numbers: JSON cannot tell 1 from 1.0). */
export type DTypeOfSample<S> =
  DataOfSample<S> extends infer Data
    ? Data extends Int8Array ? 'int8'
    : Data extends Int16Array ? 'int16'
    : Data extends Int32Array ? 'int32'
    : Data extends BigInt64Array ? 'int64'
    : Data extends Uint8Array | Uint8ClampedArray ? 'uint8'
    : Data extends Uint16Array ? 'uint16'
    : Data extends Uint32Array ? 'uint32'
    : Data extends BigUint64Array ? 'uint64'
    : Data extends Float32Array ? 'float32'
    : Data extends Float64Array ? 'float64'
    : Data extends readonly boolean[] ? 'bool'
    : Data extends readonly string[] ? 'string'
    : Data extends readonly Date[] ? 'datetime64'
    : Data extends readonly bigint[] ? 'int64'
    : Data extends readonly number[] ? 'float64'
    : NdArrayDType
    : never;

class NdArrayParameterTypeClass<D extends NdArrayDType = NdArrayDType> extends ParameterType<NdArrayOf<D>, NdArraySample> {
  /** The dtype of the sample: what `decode` returns unless `enforceDtype` is off. */
  readonly dtype: D;
  /** The sample's shape; the first dimension is free. */
  readonly shape: readonly number[];
  /** Items must have the dtype's type and range (see {@link NdArrayOptions.enforceDtype}). */
  readonly enforceDtype: boolean;
  /** Every dimension after the first has the sample's size (see {@link NdArrayOptions.enforceShape}). */
  readonly enforceShape: boolean;
  readonly #plan: ReadPlan;
  readonly #item: JsonItemWriter;

  constructor(sample: NdArraySample, options: NdArrayOptions = {}) {
    const { enforceDtype = true, enforceShape = true, dtype: declared } = options;
    if (declared !== undefined && !isNdArrayDType(declared)) throw new TypeError(`NdArrayParameterType: unknown dtype '${String(declared)}'`);
    const array = sampleArray(sample, options.shape);
    if (array.dimension < 1) throw new TypeError('NdArrayParameterType: the sample needs at least one dimension');
    const dtype = declared ?? sampleDType(array);
    const item = jsonItemWriter(dtype);
    const example = encodeArrayValue(array, exampleItemWriter(dtype));
    super(sample, ndarraySchema(array.shape, dtype, example, { enforceDtype, enforceShape }));
    this.dtype = dtype as D;
    this.shape = Object.freeze([...array.shape]);
    this.enforceDtype = enforceDtype;
    this.enforceShape = enforceShape;
    this.#plan = { ndim: array.dimension, dtype: enforceDtype ? dtype : undefined, fallbackDType: dtype, sampleShape: this.shape };
    this.#item = item;
    if (declared !== undefined) this.#checkSample(example);
  }

  override get kind(): 'ndarray' {
    return 'ndarray';
  }

  /**
   * Validates nested JSON arrays and returns an ndarray backed by the dtype's data array (a `Float64Array`
   * for float64, a `BigInt64Array` for int64, …). The input is never changed.
   *
   * @throws InputValidationError for a wrong number of dimensions, a wrong size after the first dimension,
   *   ragged input, or (with `enforceDtype`) a value of the wrong JSON type or out of the dtype's range.
   */
  override decode(json: unknown): NdArrayOf<D> {
    try {
      return super.decode(json);
    } catch (error) {
      throw error instanceof InputValidationError ? explainDimensions(error, json, this.shape.length) : error;
    }
  }

  convert(json: unknown, path: string): NdArrayOf<D> {
    const { data, shape } = readJsonData(json, this.#plan, path);
    return ndarray(data, shape) as NdArrayOf<D>;
  }

  /**
   * Nested JSON arrays of an ndarray (read through its strides, so views come out as they look), of a flat
   * typed or plain array, or of nested plain arrays. Safe `bigint`s become numbers, others stay `bigint`
   * (`stringifyJson` writes them exactly); dates become ISO 8601 strings.
   */
  encode(value: NdArrayOf<D> | NdArray | FlatData | readonly unknown[]): JsonValue {
    return encodeArrayValue(value, this.#item);
  }

  /**
   * A sample must fit the dtype it declares (a dtype read from the data always fits). Checked only then: the
   * validator's first inputs shape how V8 optimizes it, and they should be requests.
   */
  #checkSample(example: JsonValue): void {
    try {
      super.decode(example);
    } catch (error) {
      if (!(error instanceof InputValidationError)) throw error;
      throw new TypeError(`NdArrayParameterType: the sample does not fit dtype ${this.dtype}: ${error.message}`);
    }
  }
}

/** What {@link sampleArray} accepts, for the message that refuses anything else. */
const ACCEPTED_SAMPLES =
  'a typed array (with { shape } for more than one dimension, e.g. new Float64Array([1, 2, 3, 4]), { shape: [2, 2] }), nested arrays as for np.array ([[1, 2], [3, 4]]), or an ndarray';

function sampleArray(sample: NdArraySample, shape: readonly number[] | undefined): NdArray {
  if (isNdArray(sample)) {
    if (shape !== undefined) throw new TypeError('NdArrayParameterType: the shape option is for flat samples; an ndarray has its own');
    return sample;
  }
  if (Array.isArray(sample)) {
    const nested = nestedArrayOf(sample);
    if (nested && shape !== undefined) {
      throw new TypeError(`NdArrayParameterType: the shape option is for flat samples; nested arrays have their own ([${nested.shape.join(', ')}])`);
    }
    if (nested) return nested;
  }
  if (isFlatData(sample)) return ndarrayOf(sample, shape);
  throw new TypeError(`NdArrayParameterType: the sample must be ${ACCEPTED_SAMPLES}; got ${describeSample(sample)}`);
}

function describeSample(sample: unknown): string {
  if (sample === null) return 'null';
  if (typeof sample !== 'object') return `a ${typeof sample}`;
  const name = (sample as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** How {@link NdArrayParameterType} is constructed: the dtype comes from the sample's data or the `dtype` option. */
export interface NdArrayParameterTypeConstructor {
  new <const D extends NdArrayDType>(sample: NdArraySample, options: NdArrayOptions<D> & { readonly dtype: D; readonly enforceDtype?: true }): NdArrayParameterType<D>;
  new (sample: NdArraySample, options: NdArrayOptions & { readonly enforceDtype: false }): NdArrayParameterType<NdArrayDType>;
  new <S extends NdArraySample>(sample: S, options?: Omit<NdArrayOptions, 'dtype'>): NdArrayParameterType<DTypeOfSample<S>>;
  readonly prototype: NdArrayParameterType;
}

/**
 * An n-dimensional array (an `ndarray`), described by a sample: the schema nests one array per dimension
 * around the dtype's item schema (`format: "numpy.ndarray"`), and `decode` returns an ndarray backed by the
 * dtype's data array. The first dimension (the batch) is free; every other one must match the sample.
 *
 * @example
 * const features = new NdArrayParameterType(ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]));
 * features.toJsonSchema();
 * // { type: 'array', items: { type: 'array', items: { type: 'number', format: 'double' }, minItems: 2, maxItems: 2 },
 * //   example: [[1, 2], [3, 4]], format: 'numpy.ndarray' }
 * features.decode([[0.5, 1], [2, 3], [4, 5]]); // NdArray<Float64Array>, shape [3, 2]
 * features.decode([[1, '2']]); // throws InputValidationError: [{ path: '/0/1', message: 'must be a number' }]
 */
export type NdArrayParameterType<D extends NdArrayDType = NdArrayDType> = NdArrayParameterTypeClass<D>;
export const NdArrayParameterType = NdArrayParameterTypeClass as NdArrayParameterTypeConstructor;
