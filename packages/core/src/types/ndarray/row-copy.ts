import { parseDateTime } from '../standard/parse-date-time.js';
import type { NdArrayData, NdArrayDType } from './dtype.js';

/** Copies one innermost row into `data` at `k`; returns the index of a value it cannot hold, or -1. */
export type RowCopy = (row: readonly unknown[], data: NdArrayData, k: number) => number;

// One small function per kind of data, each a tight loop (no closures per element).

/**
 * Numbers go through the typed array's own `set`, which copies a JSON row in native code for each way V8
 * stores it (small integers or doubles). A JavaScript loop that has seen both (integral rows, such as the
 * sample's, then fractional ones) reads every double as a fresh heap number: 16 MB of garbage per million
 * elements, which cost more than the copy itself.
 */
function copyNumbers(row: readonly unknown[], data: NdArrayData, k: number): number {
  (data as Float64Array).set(row as ArrayLike<number>, k);
  return -1;
}

function copyBigInts(row: readonly unknown[], data: NdArrayData, k: number): number {
  const out = data as BigInt64Array;
  for (let j = 0, n = row.length; j < n; j++) {
    const value = row[j];
    out[k + j] = typeof value === 'bigint' ? value : BigInt(value as number | string);
  }
  return -1;
}

function copyValues(row: readonly unknown[], data: NdArrayData, k: number): number {
  const out = data as unknown[];
  for (let j = 0, n = row.length; j < n; j++) out[k + j] = row[j];
  return -1;
}

/** Dates are read as `StandardParameterType` reads them (every RFC 3339 form ajv accepts, to the millisecond). */
function copyDates(row: readonly unknown[], data: NdArrayData, k: number): number {
  const out = data as Date[];
  for (let j = 0, n = row.length; j < n; j++) {
    const date = parseDateTime(row[j] as string);
    if (date === undefined) return j;
    out[k + j] = date;
  }
  return -1;
}

/** The row copy of a dtype. */
export function rowCopyOf(dtype: NdArrayDType): RowCopy {
  if (dtype === 'int64' || dtype === 'uint64') return copyBigInts;
  if (dtype === 'bool' || dtype === 'string') return copyValues;
  return dtype === 'datetime64' ? copyDates : copyNumbers;
}
