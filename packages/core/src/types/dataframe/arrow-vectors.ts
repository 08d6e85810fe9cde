import {
  Bool,
  DataType,
  DateUnit,
  Float64,
  makeData,
  makeVector,
  TimeUnit,
  Utf8,
  vectorFromArray,
  type Data,
  type Date_,
  type Dictionary,
  type Float,
  type Int,
  type Timestamp,
  type Vector,
} from 'apache-arrow';
import type { ColumnType } from './column-type.js';

// These loops are the request path of every Arrow-backed DataFrame: one pass per column over the rows,
// preallocated buffers, and no function call per cell. `rows[i][key]` is read in place: a property name
// for row objects, a position for row arrays.
type Row = Record<string | number, unknown>;

const MS_PER_DAY = 86_400_000;
const TWO_32 = 4_294_967_296;
const encoder = new TextEncoder();

/** The null bitmap of a column being built: every bit set until a cell is null. */
class Validity {
  readonly bits: Uint8Array | undefined;
  nulls = 0;

  constructor(length: number, nullable: boolean) {
    this.bits = nullable ? new Uint8Array((length + 7) >> 3).fill(255) : undefined;
  }

  setNull(index: number): void {
    this.bits![index >> 3]! &= ~(1 << (index & 7));
    this.nulls++;
  }

  get props(): { nullCount: number; nullBitmap?: Uint8Array } {
    return this.nulls === 0 ? { nullCount: 0 } : { nullCount: this.nulls, nullBitmap: this.bits! };
  }
}

/** `makeData` for the columns built here (its overloads cannot follow a generic type parameter). */
function columnData<T extends DataType>(props: {
  type: T;
  length: number;
  data: ArrayBufferView;
  nullCount: number;
  nullBitmap?: Uint8Array;
  dictionary?: Vector;
}): Data<T> {
  return makeData(props as never) as unknown as Data<T>;
}

function numbers<T extends Int | Float>(rows: readonly unknown[], key: string | number, type: T, nullable: boolean): Data<T> {
  const length = rows.length;
  const values = new (type.ArrayType as new (length: number) => Float64Array)(length);
  const validity = new Validity(length, nullable);
  for (let i = 0; i < length; i++) {
    const cell = (rows[i] as Row)[key];
    if (cell == null) validity.setNull(i);
    else values[i] = typeof cell === 'number' ? cell : Number(cell);
  }
  return columnData({ type, length, data: values, ...validity.props });
}

function bigints<T extends Int>(rows: readonly unknown[], key: string | number, type: T, nullable: boolean): Data<T> {
  const length = rows.length;
  const values = new (type.ArrayType as new (length: number) => BigInt64Array)(length);
  const validity = new Validity(length, nullable);
  for (let i = 0; i < length; i++) {
    const cell = (rows[i] as Row)[key];
    if (cell == null) validity.setNull(i);
    else values[i] = typeof cell === 'bigint' ? cell : BigInt(cell as number | string);
  }
  return columnData({ type, length, data: values, ...validity.props });
}

function booleans(rows: readonly unknown[], key: string | number, type: Bool, nullable: boolean): Data<Bool> {
  const length = rows.length;
  const bits = new Uint8Array((length + 7) >> 3);
  const validity = new Validity(length, nullable);
  for (let i = 0; i < length; i++) {
    const cell = (rows[i] as Row)[key];
    if (cell == null) validity.setNull(i);
    else if (cell === true) bits[i >> 3]! |= 1 << (i & 7);
  }
  return makeData({ type, length, data: bits, ...validity.props });
}

/** The UTF-8 length of a string, as `TextEncoder` encodes it (a lone surrogate becomes U+FFFD). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Encodes strings into one UTF-8 buffer with their offsets: a single `encode` of the joined text. */
function utf8Buffers(strings: readonly string[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const joined = strings.join('');
  const data = encoder.encode(joined);
  const ascii = data.length === joined.length;
  const valueOffsets = new Int32Array(strings.length + 1);
  let offset = 0;
  for (let i = 0; i < strings.length; i++) {
    offset += ascii ? strings[i]!.length : utf8Length(strings[i]!);
    valueOffsets[i + 1] = offset;
  }
  return { valueOffsets, data };
}

function strings(rows: readonly unknown[], key: string | number, type: Utf8, nullable: boolean): Data<Utf8> {
  const length = rows.length;
  const texts = new Array<string>(length);
  const validity = new Validity(length, nullable);
  for (let i = 0; i < length; i++) {
    const cell = (rows[i] as Row)[key];
    if (cell == null) {
      texts[i] = '';
      validity.setNull(i);
    } else texts[i] = typeof cell === 'string' ? cell : String(cell);
  }
  return makeData({ type, length, ...utf8Buffers(texts), ...validity.props });
}

function dictionary(rows: readonly unknown[], key: string | number, type: Dictionary, nullable: boolean): Data<Dictionary> {
  const length = rows.length;
  const indices = new (type.indices.ArrayType as new (length: number) => Int32Array)(length);
  const validity = new Validity(length, nullable);
  const ids = new Map<string, number>();
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const cell = (rows[i] as Row)[key];
    if (cell == null) {
      validity.setNull(i);
      continue;
    }
    let id = ids.get(cell as string);
    if (id === undefined) {
      id = words.length;
      ids.set(cell as string, id);
      words.push(cell as string);
    }
    indices[i] = id;
  }
  const values = DataType.isUtf8(type.dictionary)
    ? makeVector(makeData({ type: type.dictionary, length: words.length, ...utf8Buffers(words) }))
    : vectorFromArray(words, type.dictionary);
  return columnData({ type, length, data: indices, dictionary: values, ...validity.props });
}

/**
 * Epoch milliseconds of ISO date-times in a unit (`unitsPerMs` / `msPerUnit`: 1/1000 for seconds, 1/1 for
 * milliseconds, 1000/1 for microseconds; dividing rather than multiplying by 0.001 keeps whole seconds exact),
 * written as 64-bit integers through a 32-bit view, which avoids a `bigint` per cell.
 */
function epochInt64(rows: readonly unknown[], key: string | number, validity: Validity, unitsPerMs: number, msPerUnit: number): BigInt64Array {
  const length = rows.length;
  const values = new BigInt64Array(length);
  const words = new Int32Array(values.buffer);
  for (let i = 0; i < length; i++) {
    const cell = (rows[i] as Row)[key];
    if (cell == null) {
      validity.setNull(i);
      continue;
    }
    const scaled = Math.floor((Date.parse(cell as string) * unitsPerMs) / msPerUnit);
    words[2 * i] = scaled >>> 0;
    words[2 * i + 1] = Math.floor(scaled / TWO_32);
  }
  return values;
}

function timestamps(rows: readonly unknown[], key: string | number, type: Timestamp, nullable: boolean): Data<Timestamp> {
  const length = rows.length;
  const validity = new Validity(length, nullable);
  let values: BigInt64Array;
  if (type.unit === TimeUnit.NANOSECOND) {
    values = new BigInt64Array(length);
    for (let i = 0; i < length; i++) {
      const cell = (rows[i] as Row)[key];
      if (cell == null) validity.setNull(i);
      else values[i] = BigInt(Date.parse(cell as string)) * 1_000_000n;
    }
  } else {
    values =
      type.unit === TimeUnit.SECOND
        ? epochInt64(rows, key, validity, 1, 1000)
        : epochInt64(rows, key, validity, type.unit === TimeUnit.MILLISECOND ? 1 : 1000, 1);
  }
  return makeData({ type, length, data: values, ...validity.props });
}

function dates(rows: readonly unknown[], key: string | number, type: Date_, nullable: boolean): Data<Date_> {
  const length = rows.length;
  const validity = new Validity(length, nullable);
  if (type.unit === DateUnit.MILLISECOND) {
    return columnData({ type, length, data: epochInt64(rows, key, validity, 1, 1), ...validity.props });
  }
  const days = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const cell = (rows[i] as Row)[key];
    if (cell == null) validity.setNull(i);
    else days[i] = Math.floor(Date.parse(cell as string) / MS_PER_DAY);
  }
  return columnData({ type, length, data: days, ...validity.props });
}

/**
 * Builds one column of the given Arrow type from validated request cells. The type is one that
 * {@link arrowColumnType} accepts, or one that {@link arrowTypeOf} made.
 */
export function arrowColumnData(rows: readonly unknown[], key: string | number, type: DataType, nullable: boolean): Data {
  if (DataType.isInt(type)) return type.bitWidth === 64 ? bigints(rows, key, type, nullable) : numbers(rows, key, type, nullable);
  if (DataType.isFloat(type)) return numbers(rows, key, type, nullable);
  if (DataType.isBool(type)) return booleans(rows, key, type, nullable);
  if (DataType.isUtf8(type)) return strings(rows, key, type, nullable);
  if (DataType.isDictionary(type)) return dictionary(rows, key, type, nullable);
  if (DataType.isTimestamp(type)) return timestamps(rows, key, type, nullable);
  if (DataType.isDate(type)) return dates(rows, key, type, nullable);
  const values = rows.map((row) => (row as Row)[key] ?? null);
  return vectorFromArray(values, type).data[0]!;
}

/** The Arrow type of a column whose type came from the request's values. */
export function arrowTypeOf(column: ColumnType): DataType {
  return column.kind === 'boolean' ? new Bool() : column.kind === 'number' ? new Float64() : new Utf8();
}
