import type { ColumnType } from './column-type.js';
import type { FrameAdapter, FrameCells, FrameColumn, RowSource } from './frame-data.js';
import { jsonCells } from './json-cells.js';
import { jsColumn, typedColumn, type TypedColumn, type TypedColumnConstructor } from './js-columns.js';

/** A frame as a plain object of columns: `{ age: Int32Array.of(25, 26), name: ['Sarah', 'John'] }`. */
export type PlainFrame = { readonly [column: string]: readonly unknown[] | TypedColumn };

const TYPED_COLUMNS: ReadonlyArray<readonly [TypedColumnConstructor, ColumnType]> = [
  [Int8Array, { kind: 'integer', format: 'int8', nullable: false }],
  [Int16Array, { kind: 'integer', format: 'int16', nullable: false }],
  [Int32Array, { kind: 'integer', format: 'int32', nullable: false }],
  [Uint8Array, { kind: 'integer', format: 'uint8', nullable: false }],
  [Uint8ClampedArray, { kind: 'integer', format: 'uint8', nullable: false }],
  [Uint16Array, { kind: 'integer', format: 'uint16', nullable: false }],
  [Uint32Array, { kind: 'integer', format: 'uint32', nullable: false }],
  [Float32Array, { kind: 'number', format: 'float', nullable: false }],
  [Float64Array, { kind: 'number', format: 'double', nullable: false }],
  [BigInt64Array, { kind: 'integer', format: 'int64', nullable: false }],
  [BigUint64Array, { kind: 'integer', format: 'uint64', nullable: false }],
];

const INT64_MAX = 2n ** 63n - 1n;

function elementKind(value: unknown, column: string): string {
  if (value instanceof Date) return 'date-time';
  const kind = typeof value;
  if (kind === 'bigint' || kind === 'number' || kind === 'boolean' || kind === 'string') return kind;
  throw new TypeError(`DataFrame column "${column}" holds a ${Array.isArray(value) ? 'array' : kind}; columns hold numbers, bigints, booleans, strings or Dates`);
}

/**
 * The type of a plain column: a typed array gives its exact type; an array gives the type of its elements
 * (`bigint` → int64, or uint64 beyond int64; `number` → double; `Date` → date-time), nullable when it holds
 * `null`. An empty or all-null array is a nullable double, as Arrow infers it. A column mixing kinds is a
 * sample mistake (TypeError), except with `mixed: 'scalar'`: frames that `decode` built with
 * `enforceColumnType: false` hold such columns, and `encode` writes them cell by cell.
 */
export function plainColumnType(values: unknown, column: string, mixed: 'reject' | 'scalar' = 'reject'): ColumnType {
  for (const [ArrayType, type] of TYPED_COLUMNS) if (values instanceof ArrayType) return type;
  if (!Array.isArray(values)) throw new TypeError(`DataFrame column "${column}" must be an array or a typed array`);
  let kind: string | undefined;
  let nullable = false;
  let unsigned = false;
  for (const value of values as unknown[]) {
    if (value === null || value === undefined) {
      nullable = true;
      continue;
    }
    const seen = elementKind(value, column);
    if (kind !== undefined && kind !== seen && mixed === 'reject') throw new TypeError(`DataFrame column "${column}" mixes ${kind} and ${seen} values`);
    kind = kind === undefined || kind === seen ? seen : 'scalar';
    if (typeof value === 'bigint' && value > INT64_MAX) unsigned = true;
  }
  switch (kind) {
    case 'bigint':
      return { kind: 'integer', format: unsigned ? 'uint64' : 'int64', nullable };
    case 'boolean':
    case 'string':
    case 'date-time':
    case 'scalar':
      return { kind, nullable };
    default:
      return { kind: 'number', format: 'double', nullable: kind === undefined || nullable };
  }
}

function lengthOf(frame: PlainFrame): number {
  const first = Object.values(frame)[0];
  return first ? first.length : 0;
}

/** Reads and builds plain `{ column: values[] }` frames; columns held in typed arrays stay typed arrays. */
export class PlainFrameAdapter implements FrameAdapter<PlainFrame> {
  readonly columns: readonly FrameColumn[];
  readonly stringLabels = false;
  readonly #typedArrays: ReadonlyMap<string, TypedColumnConstructor>;

  /** `mixed: 'scalar'` accepts columns that mix kinds (a decoded frame being encoded); samples may not. */
  constructor(sample: PlainFrame, mixed: 'reject' | 'scalar' = 'reject') {
    this.columns = Object.keys(sample).map((name) => ({ name, type: plainColumnType(sample[name], name, mixed) }));
    const length = lengthOf(sample);
    const typed = new Map<string, TypedColumnConstructor>();
    for (const [name, values] of Object.entries(sample)) {
      if (values.length !== length) {
        throw new TypeError(`DataFrame columns must have the same length: "${name}" has ${values.length}, not ${length}`);
      }
      if (!Array.isArray(values)) typed.set(name, values.constructor as TypedColumnConstructor);
    }
    this.#typedArrays = typed;
  }

  read(frame: PlainFrame): FrameCells {
    const columns = Object.keys(frame).map((name) => ({ name, type: plainColumnType(frame[name], name, 'scalar') }));
    const cells = columns.map(({ name, type }) => jsonCells(frame[name]!, type));
    return { columns, cells, labels: Array.from({ length: lengthOf(frame) }, (_, row) => row) };
  }

  build(source: RowSource): PlainFrame {
    const frame: Record<string, readonly unknown[] | TypedColumn> = {};
    source.columns.forEach(({ name, type }, c) => {
      const key = source.keys[c]!;
      const ArrayType = this.#typedArrays.get(name);
      const native = ArrayType !== undefined && this.columns[c]?.type === type;
      frame[name] = native ? typedColumn(source.rows, key, ArrayType) : jsColumn(source.rows, key, type);
    });
    return frame;
  }
}
