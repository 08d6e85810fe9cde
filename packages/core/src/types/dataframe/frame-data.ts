import type { JsonValue } from '../../json/json-value.js';
import type { ColumnType } from './column-type.js';

/** A column of a frame: its name and what it holds. */
export interface FrameColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/** A row label: pandas' index value (Arrow tables and plain objects number their rows 0, 1, …). */
export type RowLabel = string | number;

/** A frame read into JSON cells, column by column: what every orient is written from. */
export interface FrameCells {
  readonly columns: readonly FrameColumn[];
  /** `cells[c][r]` is the JSON value of column `c`, row `r`. */
  readonly cells: readonly JsonValue[][];
  readonly labels: readonly RowLabel[];
}

/**
 * The rows of a validated request and where each column's cell sits in a row: `rows[r][keys[c]]` is the cell
 * of column `c` in row `r` (a property name for row objects, a position for row arrays). A missing cell
 * reads as `undefined` and is taken as `null`.
 */
export interface RowSource {
  readonly rows: readonly unknown[];
  readonly columns: readonly FrameColumn[];
  readonly keys: readonly (string | number)[];
  /** The row labels the request carried, if its orient has them. */
  readonly labels: readonly RowLabel[] | undefined;
}

/** Reads the cell of column `key` in `row`. */
export function cellAt(row: unknown, key: string | number): unknown {
  return (row as Record<string | number, unknown>)[key];
}

/**
 * How one kind of frame (Arrow `Table`, danfo `DataFrame`, plain `{ column: values[] }`) is read and built.
 * One adapter is made per sample; it knows the sample's exact column types.
 */
export interface FrameAdapter<TFrame> {
  /** The sample's columns, in order. */
  readonly columns: readonly FrameColumn[];
  /** True when the sample's row labels are strings (danfo only); otherwise labels are integers. */
  readonly stringLabels: boolean;
  /** Reads a frame of this kind into JSON cells. */
  read(frame: TFrame): FrameCells;
  /**
   * Builds a frame of this kind. A column whose `type` is the sample column's own object keeps the sample's
   * exact type; any other column (an extra one, or one whose type came from the request) gets a type of
   * its own.
   */
  build(source: RowSource): TFrame;
}
