import type { TypedArray } from '../typed-array.js';
import { isExactInteger, type ColumnType } from './column-type.js';
import { cellAt } from './frame-data.js';

/** A typed array that a plain-object sample can hold a column in. */
export type TypedColumn = TypedArray;

/** A typed array class, as `sample.column.constructor`. */
export type TypedColumnConstructor = new (length: number) => TypedColumn;

/**
 * A column of plain JavaScript values: date-times become `Date`, 64-bit integers `bigint`, missing cells
 * `null`; everything else is the JSON value itself.
 */
export function jsColumn(rows: readonly unknown[], key: string | number, type: ColumnType): unknown[] {
  const length = rows.length;
  const values = new Array<unknown>(length);
  if (type.kind === 'date-time') {
    for (let i = 0; i < length; i++) {
      const cell = cellAt(rows[i], key);
      values[i] = cell == null ? null : new Date(cell as string);
    }
  } else if (isExactInteger(type)) {
    for (let i = 0; i < length; i++) {
      const cell = cellAt(rows[i], key);
      values[i] = cell == null ? null : BigInt(cell as number | bigint | string);
    }
  } else {
    for (let i = 0; i < length; i++) values[i] = cellAt(rows[i], key) ?? null;
  }
  return values;
}

/** A column filled into a typed array of the sample column's class (its cells are never null). */
export function typedColumn(rows: readonly unknown[], key: string | number, ArrayType: TypedColumnConstructor): TypedColumn {
  const length = rows.length;
  const values = new ArrayType(length);
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    for (let i = 0; i < length; i++) values[i] = BigInt(cellAt(rows[i], key) as number | bigint | string);
  } else {
    for (let i = 0; i < length; i++) values[i] = cellAt(rows[i], key) as number;
  }
  return values;
}
