import type { JsonValue } from '../../json/json-value.js';
import { ParameterType } from '../parameter-type.js';
import type { Table } from 'apache-arrow';
import type { DanfoFrame } from './danfo-frame.js';
import { frameAdapterFor } from './frame-adapter.js';
import type { FrameAdapter, FrameColumn } from './frame-data.js';
import type { ColumnType } from './column-type.js';
import { DATAFRAME_ORIENTS, type DataFrameOrient } from './orient.js';
import { OrientReader } from './orient-reader.js';
import { dataFrameSchema, type FrameSchemaOptions } from './orient-schema.js';
import { writeOrient } from './orient-writer.js';
import type { PlainFrame } from './plain-frame.js';

/** A DataFrame sample: an apache-arrow `Table`, a danfojs `DataFrame`, or a plain `{ column: values[] }` object. */
export type DataFrameSample = Table | DanfoFrame | PlainFrame;

/** A column of a DataFrame type's sample: its name and what it holds. */
export interface DataFrameColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/** Options of {@link DataFrameParameterType}. */
export interface DataFrameOptions {
  /** How the frame is laid out in JSON (pandas' `to_json` orients). Default `'records'`. */
  readonly orient?: DataFrameOrient;
  /**
   * Each column keeps the sample's type. Default `true`. With `false`, any JSON scalar is accepted in any
   * column, and a column whose values do not all fit the sample's type gets a type inferred from them
   * (booleans → boolean, numbers → double, strings → string, a mix → strings).
   */
  readonly enforceColumnType?: boolean;
  /**
   * The columns are exactly the sample's. Default `true`. With `false`, extra columns are accepted and kept
   * (after the sample's, typed from their values); the sample's columns are still required.
   */
  readonly enforceShape?: boolean;
}

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function checkColumns(columns: readonly FrameColumn[]): void {
  if (columns.length === 0) throw new TypeError('A DataFrame sample needs at least one column');
  const seen = new Set<string>();
  for (const { name } of columns) {
    if (RESERVED_NAMES.has(name)) throw new TypeError(`A DataFrame column cannot be called "${name}"`);
    if (seen.has(name)) throw new TypeError(`DataFrame column "${name}" appears twice`);
    seen.add(name);
  }
}

function schemaOptionsOf(options: DataFrameOptions, adapter: FrameAdapter<unknown>): FrameSchemaOptions {
  const orient = options.orient ?? 'records';
  if (!DATAFRAME_ORIENTS.includes(orient)) {
    throw new TypeError(`Invalid orient ${JSON.stringify(orient)}: must be one of ${DATAFRAME_ORIENTS.join(', ')}`);
  }
  return {
    orient,
    enforceColumnType: options.enforceColumnType ?? true,
    enforceShape: options.enforceShape ?? true,
    stringLabels: adapter.stringLabels,
  };
}

/**
 * A DataFrame parameter, built from a sample frame: an apache-arrow `Table`, a danfojs `DataFrame` (danfojs is
 * an optional peer dependency) or a plain `{ column: values[] }` object. Its schema pins the sample's column
 * names and their types (read from the sample's real types) in the chosen orient; the number of rows is free.
 * `decode` returns a frame of the sample's kind, with the sample's columns in the sample's order.
 *
 * @example
 * const people = new DataFrameParameterType(tableFromArrays({ name: ['Sarah'], age: Int32Array.of(25) }));
 * people.decode([{ name: 'John', age: 26 }]).getChild('age')?.toArray(); // Int32Array [26]
 * people.decode([{ name: 'John' }]); // throws InputValidationError: [{ path: '/0/age', message: 'is required' }]
 */
export class DataFrameParameterType<TFrame extends DataFrameSample = DataFrameSample> extends ParameterType<TFrame, TFrame> {
  readonly orient: DataFrameOrient;
  readonly enforceColumnType: boolean;
  readonly enforceShape: boolean;
  readonly #adapter: FrameAdapter<TFrame>;
  readonly #reader: OrientReader;

  constructor(sample: TFrame, options: DataFrameOptions = {}) {
    const adapter = frameAdapterFor(sample) as FrameAdapter<TFrame>;
    checkColumns(adapter.columns);
    const settings = schemaOptionsOf(options, adapter as FrameAdapter<unknown>);
    super(sample, dataFrameSchema(adapter.columns, settings, writeOrient(adapter.read(sample), settings.orient)));
    this.orient = settings.orient;
    this.enforceColumnType = settings.enforceColumnType;
    this.enforceShape = settings.enforceShape;
    this.#adapter = adapter;
    this.#reader = new OrientReader(adapter.columns, settings);
  }

  override get kind(): 'dataframe' {
    return 'dataframe';
  }

  /** The sample's columns, in order, with what each holds (read from the sample's real types). */
  get columns(): readonly DataFrameColumn[] {
    return this.#adapter.columns;
  }

  convert(json: unknown, path: string): TFrame {
    return this.#adapter.build(this.#reader.read(json, path));
  }

  /** Writes a frame (an Arrow `Table`, danfo `DataFrame` or plain object of columns) in this type's orient. */
  encode(value: TFrame): JsonValue {
    return writeOrient(frameAdapterFor(value, 'scalar').read(value), this.orient);
  }
}
