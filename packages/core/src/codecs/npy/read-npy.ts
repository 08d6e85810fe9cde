import ndarray from 'ndarray';
import type { NdArrayData, NdArrayDType } from '../../types/ndarray/dtype.js';
import type { NdArray } from '../../types/ndarray/ndarray-like.js';
import { BodyFormatError } from '../body-format-error.js';
import { parseDescr, type NpyDType } from './npy-dtype.js';
import { readNpyHeader, type NpyHeader } from './npy-header.js';

/** A `.npy` body whose header was read and checked against its length; the data is not read yet. */
export interface NpyLayout extends NpyHeader {
  readonly type: NpyDType;
  /** How many elements the shape holds. */
  readonly count: number;
}

type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => NdArrayData & ArrayBufferView;

const TYPED: Readonly<Partial<Record<NdArrayDType, TypedArrayConstructor>>> = {
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  float32: Float32Array, float64: Float64Array,
} as unknown as Record<NdArrayDType, TypedArrayConstructor>;

/** The typed array class of a numeric dtype. */
export function typedArrayOf(dtype: NdArrayDType): TypedArrayConstructor | undefined {
  return TYPED[dtype];
}

/**
 * Reads a `.npy` body's header and checks that the data is exactly as long as the shape and dtype say
 * (before anything is allocated for it).
 *
 * @throws BodyFormatError `npy.magic`, `npy.version`, `npy.header`, `npy.dtype` or `npy.size`.
 */
export function readNpyLayout(bytes: Uint8Array): NpyLayout {
  const header = readNpyHeader(bytes);
  const type = parseDescr(header.descr);
  let count = 1;
  for (const size of header.shape) count *= size;
  const available = bytes.length - header.dataOffset;
  const shape = `(${header.shape.join(', ')})`;
  if (!Number.isSafeInteger(count * type.itemSize) || count * type.itemSize > available) {
    throw new BodyFormatError('npy.size', `.npy data is truncated: shape ${shape} of '${header.descr}' needs ${count * type.itemSize} bytes, the body holds ${available}`);
  }
  if (count * type.itemSize < available) {
    throw new BodyFormatError('npy.size', `.npy body has ${available - count * type.itemSize} bytes after the data of shape ${shape} of '${header.descr}'`);
  }
  return { ...header, type, count };
}

/** Reverses the bytes of every `size`-byte element (big-endian to little-endian), in place. */
function swapBytes(bytes: Uint8Array, size: number): void {
  for (let at = 0; at < bytes.length; at += size) {
    for (let i = at, j = at + size - 1; i < j; i++, j--) {
      const byte = bytes[i]!;
      bytes[i] = bytes[j]!;
      bytes[j] = byte;
    }
  }
}

/** The elements' bytes as little-endian, in a buffer aligned to their size: the body's own when it can be. */
function littleEndianBytes(bytes: Uint8Array, layout: NpyLayout): Uint8Array {
  const start = bytes.byteOffset + layout.dataOffset;
  const length = layout.count * layout.type.itemSize;
  const aligned = start % Math.min(layout.type.itemSize, 8) === 0;
  if (aligned && !layout.type.bigEndian) return new Uint8Array(bytes.buffer, start, length);
  const copy = bytes.slice(layout.dataOffset, layout.dataOffset + length);
  if (layout.type.bigEndian) swapBytes(copy, layout.type.dtype === 'string' ? 4 : layout.type.itemSize);
  return copy;
}

const NAT = -(2n ** 63n);

function readBooleans(bytes: Uint8Array, count: number): boolean[] {
  const values = new Array<boolean>(count);
  for (let i = 0; i < count; i++) values[i] = bytes[i] !== 0;
  return values;
}

function readStrings(bytes: Uint8Array, layout: NpyLayout): string[] {
  const chars = layout.type.itemSize / 4;
  const codes = new Uint32Array(bytes.buffer, bytes.byteOffset, layout.count * chars);
  const values = new Array<string>(layout.count);
  for (let i = 0; i < layout.count; i++) {
    let end = (i + 1) * chars;
    while (end > i * chars && codes[end - 1] === 0) end--;
    let text = '';
    for (let k = i * chars; k < end; k++) {
      const code = codes[k]!;
      if (code > 0x10ffff) throw new BodyFormatError('npy.dtype', `.npy string ${i} has the code point ${code}, beyond Unicode`);
      text += String.fromCodePoint(code);
    }
    values[i] = text;
  }
  return values;
}

function readDates(bytes: Uint8Array, layout: NpyLayout): Date[] {
  const ticks = new BigInt64Array(bytes.buffer, bytes.byteOffset, layout.count);
  const msPerUnit = layout.type.msPerUnit!;
  const values = new Array<Date>(layout.count);
  for (let i = 0; i < layout.count; i++) {
    if (ticks[i] === NAT) throw new BodyFormatError('schema', `.npy datetime64 element ${i} is NaT, which is not a date`);
    values[i] = new Date(msPerUnit >= 1 ? Number(ticks[i]!) * msPerUnit : Math.floor(Number(ticks[i]!) * msPerUnit));
  }
  return values;
}

/** The flat data of a layout in its stored order. */
function flatData(bytes: Uint8Array, layout: NpyLayout): NdArrayData {
  const little = littleEndianBytes(bytes, layout);
  const { dtype } = layout.type;
  const Typed = TYPED[dtype];
  if (Typed) return new Typed(little.buffer, little.byteOffset, layout.count);
  if (dtype === 'bool') return readBooleans(little, layout.count);
  // Strings and dates are read element by element through aligned typed views.
  const aligned = little.byteOffset % (dtype === 'string' ? 4 : 8) === 0 ? little : little.slice();
  return dtype === 'string' ? readStrings(aligned, layout) : readDates(aligned, layout);
}

/** Copies data stored in Fortran (column-major) order into row-major order. */
function toRowMajor(data: NdArrayData, shape: readonly number[]): NdArrayData {
  const ndim = shape.length;
  const source = data as ArrayLike<unknown> & { slice(): typeof data };
  const target = source.slice() as unknown as Record<number, unknown>;
  const strides = new Array<number>(ndim);
  for (let d = 0, step = 1; d < ndim; d++) {
    strides[d] = step;
    step *= shape[d]!;
  }
  const index = new Array<number>(ndim).fill(0);
  for (let k = 0, from = 0, n = source.length; k < n; k++) {
    target[k] = source[from];
    for (let d = ndim - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) {
        from += strides[d]!;
        break;
      }
      from -= strides[d]! * (shape[d]! - 1);
      index[d] = 0;
    }
  }
  return target as unknown as NdArrayData;
}

/**
 * The ndarray of a `.npy` body whose layout was read: row-major, backed by the dtype's data array. Aligned
 * little-endian numbers in row-major order are a view over the body's bytes (no copy); big-endian data is
 * byte-swapped and Fortran-order data reordered into a copy.
 */
export function npyArray(bytes: Uint8Array, layout: NpyLayout): NdArray {
  const flat = flatData(bytes, layout);
  const data = layout.fortranOrder && layout.shape.length > 1 ? toRowMajor(flat, layout.shape) : flat;
  return ndarray(data, [...layout.shape]);
}

/**
 * Reads a whole `.npy` body (format 1.0, 2.0 or 3.0) into a row-major ndarray, with no parameter type to
 * check it against.
 *
 * @throws BodyFormatError naming the problem.
 * @example
 * const array = readNpy(readFileSync('features.npy')); // NdArray<Float64Array>, shape [100, 10]
 */
export function readNpy(bytes: Uint8Array): NdArray {
  return npyArray(bytes, readNpyLayout(bytes));
}
