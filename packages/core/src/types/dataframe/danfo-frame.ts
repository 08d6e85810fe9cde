import type { ColumnType } from './column-type.js';
import type { FrameAdapter, FrameCells, FrameColumn, RowLabel, RowSource } from './frame-data.js';
import { jsonCells } from './json-cells.js';
import { jsColumn } from './js-columns.js';

/**
 * The part of a danfojs `DataFrame` that inferschema uses. danfojs is an optional peer dependency, so
 * frames are recognised by their shape and new ones are made with the sample's own constructor.
 */
export interface DanfoFrame {
  readonly columns: string[];
  readonly dtypes: string[];
  readonly index: Array<string | number>;
  readonly shape: number[];
  column(name: string): { readonly values: unknown };
}

type DanfoFrameConstructor = new (data: unknown[][], options: { columns: string[]; dtypes: string[]; index?: RowLabel[] }) => DanfoFrame;

/** True when `value` looks like a danfojs `DataFrame`. */
export function isDanfoFrame(value: unknown): value is DanfoFrame {
  const frame = value as Partial<DanfoFrame> | null;
  return (
    typeof frame === 'object' && frame !== null && Array.isArray(frame.columns) && Array.isArray(frame.dtypes) &&
    Array.isArray(frame.index) && typeof frame.column === 'function'
  );
}

const DTYPE_KINDS: Readonly<Record<string, ColumnType['kind']>> = {
  int32: 'integer',
  float32: 'number',
  string: 'string',
  boolean: 'boolean',
  datetime: 'date-time',
};
const KIND_DTYPES: Readonly<Record<ColumnType['kind'], string>> = {
  integer: 'int32',
  number: 'float32',
  string: 'string',
  boolean: 'boolean',
  'date-time': 'datetime',
  scalar: 'string',
};

function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

function columnValues(frame: DanfoFrame, name: string): unknown[] {
  return frame.shape[0] === 0 ? [] : (frame.column(name).values as unknown[]);
}

/**
 * The type of a danfo column from its dtype. danfo keeps every number as a JavaScript double whatever its
 * dtype says (`int32` marks any whole-number column), so `int32` is an integer without a range format and
 * `float32` a number without one. A column holding `null`, `undefined` or `NaN` is nullable.
 */
export function danfoColumnType(frame: DanfoFrame, name: string, dtype: string): ColumnType {
  const kind = DTYPE_KINDS[dtype];
  if (!kind) throw new TypeError(`DataFrame column "${name}" has the danfo dtype "${dtype}", which has no JSON form`);
  return { kind, nullable: columnValues(frame, name).some(isMissing) };
}

function columnsOf(frame: DanfoFrame): FrameColumn[] {
  const dtypes = frame.dtypes;
  return frame.columns.map((name, c) => ({ name, type: danfoColumnType(frame, name, dtypes[c] ?? 'undefined') }));
}

const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d{0,15})$/;

/** Reads and builds danfojs `DataFrame`s with the sample's own class. */
export class DanfoFrameAdapter implements FrameAdapter<DanfoFrame> {
  readonly columns: readonly FrameColumn[];
  readonly stringLabels: boolean;
  readonly #dtypes: readonly string[];
  readonly #Frame: DanfoFrameConstructor;

  constructor(sample: DanfoFrame) {
    this.columns = columnsOf(sample);
    this.stringLabels = sample.index.some((label) => typeof label === 'string');
    this.#dtypes = [...sample.dtypes];
    this.#Frame = sample.constructor as DanfoFrameConstructor;
  }

  read(frame: DanfoFrame): FrameCells {
    const columns = columnsOf(frame);
    const cells = columns.map(({ name, type }) => jsonCells(columnValues(frame, name), type));
    return { columns, cells, labels: [...frame.index] };
  }

  build(source: RowSource): DanfoFrame {
    const values = source.columns.map(({ type }, c) => jsColumn(source.rows, source.keys[c]!, type));
    const data = source.rows.map((_, row) => values.map((column) => column[row]));
    const columns = source.columns.map(({ name }) => name);
    const dtypes = source.columns.map(({ type }, c) => (this.columns[c]?.type === type ? this.#dtypes[c]! : KIND_DTYPES[type.kind]));
    const labels = source.labels;
    if (!labels || labels.length === 0) return new this.#Frame(data, { columns, dtypes });
    const index = this.stringLabels
      ? labels.map(String)
      : labels.map((label) => (typeof label === 'string' && CANONICAL_INTEGER.test(label) ? Number(label) : label));
    return new this.#Frame(data, { columns, dtypes, index });
  }
}
