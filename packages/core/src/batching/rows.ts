import ndarray from 'ndarray';
import type { Table } from 'apache-arrow';
import { isArrowTable } from '../types/dataframe/is-arrow-table.js';
import { isFlatData, isNdArray, viewValues, type NdArray } from '../types/ndarray/ndarray-like.js';
import type { TypedArray } from '../types/typed-array.js';

/**
 * The row operations a batch needs on the values `run` takes and returns: count the rows (the first
 * dimension), stack the values of several requests, and cut a result back into each request's rows.
 *
 * Rows live in: an ndarray (rows are the first dimension), an apache-arrow `Table`, a plain
 * `{ column: values[] }` frame, and (results only) a flat typed or plain array, one item per row.
 */

type Columns = Record<string, ArrayLike<unknown>>;

function isColumns(value: unknown): value is Columns {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const columns = Object.values(value);
  return columns.length > 0 && columns.every((column) => isFlatData(column) && column.length === (columns[0] as ArrayLike<unknown>).length);
}

function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

const kindOf = (data: unknown) => (Array.isArray(data) ? 'Array' : (data as object).constructor.name);

/** What a value of one request adds to a batch: its rows, and a key that only stackable values share. */
export interface RowsOf {
  readonly rows: number;
  /** Values stack when their keys are equal: same kind, element type and shape after the first dimension. */
  readonly key: string;
}

/** The rows of a decoded input, or undefined for a value that has no rows to stack. */
export function rowsOfInput(value: unknown): RowsOf | undefined {
  if (isNdArray(value)) {
    const [rows = 0, ...inner] = value.shape;
    return value.shape.length > 0 ? { rows, key: `ndarray ${kindOf(value.data)} [${inner.join(',')}]` } : undefined;
  }
  if (isArrowTable(value)) {
    const fields = value.schema.fields.map((field) => `${field.name}:${String(field.type)}${field.nullable ? '?' : ''}`);
    return { rows: value.numRows, key: `table ${fields.join(',')}` };
  }
  if (isColumns(value)) {
    const columns = Object.entries(value).map(([name, column]) => `${name}:${kindOf(column)}`);
    return { rows: Object.values(value)[0]!.length, key: `columns ${columns.join(',')}` };
  }
  return undefined;
}

/** The number of rows of what a batched `run` returned, or undefined when it has none. */
export function rowsOfResult(value: unknown): number | undefined {
  if (isNdArray(value)) return value.shape[0];
  if (isFlatData(value)) return value.length;
  return rowsOfInput(value)?.rows;
}

function concatFlat(parts: readonly ArrayLike<unknown>[]): ArrayLike<unknown> {
  const first = parts[0]!;
  if (!isTypedArray(first)) return parts.flatMap((part) => Array.from(part));
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new (first.constructor as new (length: number) => TypedArray)(total);
  let offset = 0;
  for (const part of parts as TypedArray[]) {
    (joined as { set(values: ArrayLike<unknown>, offset: number): void }).set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** True when an ndarray's data holds exactly its elements, row-major from index 0 (as `decode` builds them). */
function isPacked(array: NdArray): boolean {
  let step = 1;
  for (let axis = array.shape.length - 1; axis >= 0; axis -= 1) {
    if (array.shape[axis]! > 1 && array.stride[axis] !== step) return false;
    step *= array.shape[axis]!;
  }
  return array.offset === 0 && (array.data as ArrayLike<unknown>).length === step;
}

function concatNdArrays(parts: readonly NdArray[]): NdArray {
  const data = concatFlat(parts.map((part) => (isPacked(part) ? (part.data as ArrayLike<unknown>) : typedLike(part, viewValues(part)))));
  const [, ...inner] = parts[0]!.shape;
  const rows = parts.reduce((sum, part) => sum + part.shape[0]!, 0);
  return ndarray(data as ndarray.Data, [rows, ...inner]);
}

/** The elements of a view, in the view's own data type. */
function typedLike(array: NdArray, values: unknown[]): ArrayLike<unknown> {
  const data = array.data as unknown;
  return isTypedArray(data) ? (data.constructor as unknown as { from(values: unknown[]): TypedArray }).from(values) : values;
}

/**
 * Stacks the values of one parameter from several requests along the first dimension. They share a
 * {@link RowsOf.key}; one value is returned as it is.
 */
export function concatRows(values: readonly unknown[]): unknown {
  if (values.length === 1) return values[0];
  const first = values[0];
  if (isNdArray(first)) return concatNdArrays(values as NdArray[]);
  if (isArrowTable(first)) return first.concat(...(values.slice(1) as Table[]));
  const columns: Columns = {};
  for (const name of Object.keys(first as Columns)) columns[name] = concatFlat((values as Columns[]).map((frame) => frame[name]!));
  return columns;
}

/** Rows `start` (inclusive) to `end` (exclusive) of a result, as a view where the value's kind has one. */
export function sliceRows(value: unknown, start: number, end: number): unknown {
  if (isNdArray(value)) return value.lo(start).hi(end - start);
  if (isTypedArray(value)) return value.subarray(start, end);
  if (Array.isArray(value)) return value.slice(start, end);
  if (isArrowTable(value)) return value.slice(start, end);
  const columns: Columns = {};
  for (const [name, column] of Object.entries(value as Columns)) {
    columns[name] = isTypedArray(column) ? column.subarray(start, end) : Array.prototype.slice.call(column, start, end);
  }
  return columns;
}
