import type { TypedArray } from '../../types/typed-array.js';
import { TYPED_ARRAYS, type NumericDatatype, type OipDatatype } from './datatype.js';
import { invalid } from './oip-error.js';
import type { TensorValues } from './tensor.js';

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Reads raw tensor bytes (the binary tensor data extension, gRPC's `raw_input_contents`): little-endian
 * elements of the datatype's size, BOOL as one byte 0 or 1, BYTES as a 4-byte little-endian length then the
 * bytes. Numeric elements are a view of `raw` (no copy) when its offset is aligned to the element size, else
 * one copy. Nothing beyond `raw` is ever read: every size is checked first.
 *
 * @throws OipError naming `label` when the bytes do not hold exactly `count` elements.
 * @example
 * readRawTensor(new Uint8Array(Float32Array.of(1, 2).buffer), 'FP32', 2, "input 'x'"); // Float32Array [1, 2]
 */
export function readRawTensor(raw: Uint8Array, datatype: OipDatatype, count: number, label: string): TensorValues {
  if (datatype === 'BYTES') return readBytesElements(raw, count, label);
  if (datatype === 'BOOL') return readBooleans(raw, count, label);
  if (datatype === 'FP16') throw invalid(`${label}: datatype FP16 is not supported (JavaScript has no 16-bit float array); send FP32`);
  const ArrayType = TYPED_ARRAYS[datatype as NumericDatatype];
  const size = count * ArrayType.BYTES_PER_ELEMENT;
  if (raw.byteLength !== size) {
    throw invalid(`${label}: binary data is ${raw.byteLength} bytes, but ${count} ${datatype} elements take ${size}`);
  }
  if (!LITTLE_ENDIAN) return swapped(raw, ArrayType, count);
  if (raw.byteOffset % ArrayType.BYTES_PER_ELEMENT === 0) return new ArrayType(raw.buffer, raw.byteOffset, count);
  // A fresh, aligned copy (Uint8Array's slice: a Buffer's own `slice` would be a view of the same memory).
  return new ArrayType(Uint8Array.prototype.slice.call(raw).buffer, 0, count);
}

function readBooleans(raw: Uint8Array, count: number, label: string): boolean[] {
  if (raw.byteLength !== count) throw invalid(`${label}: binary data is ${raw.byteLength} bytes, but ${count} BOOL elements take ${count}`);
  const values = new Array<boolean>(count);
  for (let i = 0; i < count; i++) {
    const byte = raw[i]!;
    if (byte > 1) throw invalid(`${label}: BOOL element ${i} is the byte ${byte}; it must be 0 or 1`);
    values[i] = byte === 1;
  }
  return values;
}

function readBytesElements(raw: Uint8Array, count: number, label: string): Uint8Array[] {
  const values: Uint8Array[] = [];
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (raw.byteLength - offset < 4) {
      throw invalid(`${label}: BYTES element ${i} needs a 4-byte length at byte ${offset}, but the binary data is ${raw.byteLength} bytes`);
    }
    const length = view.getUint32(offset, true);
    offset += 4;
    if (length > raw.byteLength - offset) {
      throw invalid(`${label}: BYTES element ${i} is ${length} bytes long, but only ${raw.byteLength - offset} bytes remain`);
    }
    values.push(raw.subarray(offset, offset + length));
    offset += length;
  }
  if (offset !== raw.byteLength) {
    throw invalid(`${label}: binary data is ${raw.byteLength} bytes, but its ${count} BYTES elements end at byte ${offset}`);
  }
  return values;
}

type TypedArrayClass = (typeof TYPED_ARRAYS)[NumericDatatype];

function swapped(raw: Uint8Array, ArrayType: TypedArrayClass, count: number): TypedArray {
  const size = ArrayType.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(count * size);
  for (let i = 0; i < count; i++) for (let b = 0; b < size; b++) bytes[i * size + b] = raw[i * size + size - 1 - b]!;
  return new ArrayType(bytes.buffer, 0, count);
}

/**
 * The raw little-endian bytes of a tensor's elements (the binary tensor data extension, gRPC's
 * `raw_output_contents`): a typed array's own bytes (no copy on a little-endian machine), BOOL as bytes 0/1,
 * BYTES each as a 4-byte little-endian length then its UTF-8 or raw bytes.
 *
 * @example
 * writeRawTensor(['hi'], 'BYTES'); // Uint8Array [2, 0, 0, 0, 104, 105]
 */
export function writeRawTensor(values: TensorValues, datatype: OipDatatype): Uint8Array {
  if (datatype === 'BYTES') return writeBytesElements(values as readonly (string | Uint8Array)[]);
  if (datatype === 'BOOL') return Uint8Array.from(values as readonly boolean[], (value) => (value ? 1 : 0));
  const array = values as TypedArray;
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const size = array.BYTES_PER_ELEMENT;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) for (let b = 0; b < size; b++) out[i + b] = bytes[i + size - 1 - b]!;
  return out;
}

const encoder = new TextEncoder();

function writeBytesElements(values: readonly (string | Uint8Array)[]): Uint8Array {
  const encoded = values.map((value) => (typeof value === 'string' ? encoder.encode(value) : value));
  const out = new Uint8Array(encoded.reduce((total, element) => total + 4 + element.byteLength, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const element of encoded) {
    view.setUint32(offset, element.byteLength, true);
    out.set(element, offset + 4);
    offset += 4 + element.byteLength;
  }
  return out;
}
