import { InputValidationError } from '../../validation/input-validation-error.js';
import { tooManyDimensions } from './dimension-messages.js';
import { DTypeInference } from './dtype-inference.js';
import type { NdArrayData, NdArrayDType } from './dtype.js';
import { rowCopyOf } from './row-copy.js';

/** How JSON that passed the schema becomes ndarray data. */
export interface ReadPlan {
  readonly ndim: number;
  /** The dtype; undefined when it is inferred from the values. */
  readonly dtype: NdArrayDType | undefined;
  /** The dtype of an empty input whose dtype is inferred. */
  readonly fallbackDType: NdArrayDType;
  /** The sample's shape: the sizes of the inner dimensions when the input has no element to tell them. */
  readonly sampleShape: readonly number[];
}

/** The data and shape read from JSON. */
export interface ReadResult {
  readonly data: NdArrayData;
  readonly shape: number[];
}

const TYPED_ARRAYS = {
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

function allocate(dtype: NdArrayDType, size: number): NdArrayData {
  return dtype in TYPED_ARRAYS ? new TYPED_ARRAYS[dtype as keyof typeof TYPED_ARRAYS](size) : new Array(size);
}

function pointer(path: string, indices: readonly number[], depth: number, last?: number): string {
  let result = path;
  for (let i = 0; i < depth; i++) result += `/${indices[i]}`;
  return last === undefined ? result : `${result}/${last}`;
}

function firstPointer(path: string, depth: number): string {
  return path + '/0'.repeat(depth);
}

/** The shape of the input: its length, then the length of the first element at each depth. */
function shapeOf(rows: readonly unknown[], plan: ReadPlan): number[] {
  const shape = [rows.length];
  let node: unknown = rows[0];
  for (let depth = 1; depth < plan.ndim; depth++) {
    shape.push(Array.isArray(node) ? node.length : (plan.sampleShape[depth] ?? 0));
    node = Array.isArray(node) ? node[0] : undefined;
  }
  if (rows.length === 0) for (let depth = 1; depth < plan.ndim; depth++) shape[depth] = plan.sampleShape[depth]!;
  return shape;
}

/** Calls `visit` on every innermost row (with its position), in row-major order. */
function forEachRow(rows: readonly unknown[], ndim: number, visit: (row: unknown[], indices: number[]) => void): void {
  const indices = new Array<number>(ndim).fill(0);
  const walk = (node: unknown[], depth: number): void => {
    if (depth === ndim - 1) {
      visit(node, indices);
      return;
    }
    for (let i = 0; i < node.length; i++) {
      indices[depth] = i;
      walk(node[i] as unknown[], depth + 1);
    }
  };
  walk(rows as unknown[], 0);
}

/** The dtype of the values, checking that each is a scalar that can share an array with the others. */
function inferDType(rows: readonly unknown[], plan: ReadPlan, path: string): NdArrayDType {
  const inference = new DTypeInference();
  forEachRow(rows, plan.ndim, (row, indices) => {
    for (let j = 0; j < row.length; j++) {
      const value = row[j];
      const problem = Array.isArray(value)
        ? tooManyDimensions('a number, a boolean or a string', plan.ndim, plan.ndim, value)
        : inference.add(value);
      if (problem) throw new InputValidationError([{ path: pointer(path, indices, plan.ndim - 1, j), message: problem }]);
    }
  });
  return inference.dtype ?? plan.fallbackDType;
}

function raggedError(path: string, indices: readonly number[], depth: number, size: number): InputValidationError {
  return new InputValidationError([
    {
      path: pointer(path, indices, depth),
      message: `must have exactly ${size} ${size === 1 ? 'item' : 'items'}, like ${firstPointer(path, depth)}: an ndarray cannot be ragged`,
    },
  ]);
}

/**
 * Reads JSON that passed the type's schema (nested arrays, `ndim` deep) into a freshly allocated data array in
 * row-major order, without changing the input. Ragged input, and values the dtype cannot hold that a schema
 * does not catch (inferred dtypes, dates beyond `Date`), throw an {@link InputValidationError} at their path.
 */
export function readJsonData(json: unknown, plan: ReadPlan, path: string): ReadResult {
  const rows = json as readonly unknown[];
  const shape = shapeOf(rows, plan);
  const dtype = plan.dtype ?? inferDType(rows, plan, path);
  const size = shape.reduce((product, length) => product * length, 1);
  const data = allocate(dtype, size);
  const copy = rowCopyOf(dtype);
  const last = plan.ndim - 1;
  const width = shape[last]!;
  let k = 0;
  const indices = new Array<number>(plan.ndim).fill(0);
  const fill = (node: readonly unknown[], depth: number): void => {
    if (depth === last) {
      if (node.length !== width) throw raggedError(path, indices, depth, width);
      const bad = copy(node, data, k);
      if (bad >= 0) {
        throw new InputValidationError([
          { path: pointer(path, indices, depth, bad), message: 'must be a date-time that a JavaScript Date can hold' },
        ]);
      }
      k += width;
      return;
    }
    const size = shape[depth + 1]!;
    for (let i = 0; i < node.length; i++) {
      indices[depth] = i;
      const child = node[i] as readonly unknown[];
      if (depth + 1 < last && child.length !== size) {
        indices[depth + 1] = 0;
        throw raggedError(path, indices, depth + 1, size);
      }
      fill(child, depth + 1);
    }
  };
  if (rows.length > 0) fill(rows, 0);
  return { data, shape };
}
