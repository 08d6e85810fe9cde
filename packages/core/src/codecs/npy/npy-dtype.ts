import type { NdArrayDType } from '../../types/ndarray/dtype.js';
import { BodyFormatError } from '../body-format-error.js';

/** A datetime64 unit with a fixed length: milliseconds per unit (calendar units Y and M have none). */
const DATETIME_UNITS: Readonly<Record<string, number>> = {
  W: 604_800_000,
  D: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 1e-3,
  ns: 1e-6,
};

/** One `.npy` element type: what numpy's `descr` string says. */
export interface NpyDType {
  /** The dtype of the ndarray it decodes to. */
  readonly dtype: NdArrayDType;
  /** Bytes per element. */
  readonly itemSize: number;
  /** True when multi-byte elements are stored big-endian (`>`). */
  readonly bigEndian: boolean;
  /** datetime64 only: milliseconds per unit. */
  readonly msPerUnit?: number;
}

const INTEGERS: Readonly<Record<string, NdArrayDType>> = {
  i1: 'int8', i2: 'int16', i4: 'int32', i8: 'int64', u1: 'uint8', u2: 'uint16', u4: 'uint32', u8: 'uint64', f4: 'float32', f8: 'float64', b1: 'bool',
};

const DESCR = /^([<>|=])([a-zA-Z])(\d*)(?:\[(\w+)\])?$/;

function unsupported(descr: string, why: string): BodyFormatError {
  return new BodyFormatError('npy.dtype', `.npy dtype '${descr}' is not supported: ${why}`);
}

/**
 * Reads a numpy `descr` string (`'<f8'`, `'>i4'`, `'|b1'`, `'<U12'`, `'<M8[ms]'`).
 *
 * @throws BodyFormatError `npy.dtype` for object, structured, complex, float16, byte-string and calendar dtypes.
 */
export function parseDescr(descr: string): NpyDType {
  const match = DESCR.exec(descr);
  if (!match) throw unsupported(descr, 'not a simple numpy dtype (object and structured dtypes have no ndarray form here)');
  const [, order, kind, size = '', unit] = match as unknown as [string, string, string, string?, string?];
  const bigEndian = order === '>';
  if (kind === 'U') {
    const chars = Number(size);
    if (size === '' || !Number.isSafeInteger(chars) || chars > 1 << 20) throw unsupported(descr, 'a unicode dtype needs a length up to 1048576');
    return { dtype: 'string', itemSize: 4 * chars, bigEndian };
  }
  if (kind === 'M') {
    const msPerUnit = unit === undefined ? undefined : DATETIME_UNITS[unit];
    if (size !== '8' || msPerUnit === undefined) throw unsupported(descr, 'datetime64 needs a fixed unit (W, D, h, m, s, ms, us or ns)');
    return { dtype: 'datetime64', itemSize: 8, bigEndian, msPerUnit };
  }
  const dtype = unit === undefined ? INTEGERS[kind + size] : undefined;
  if (!dtype) {
    const why = kind === 'O' ? 'object arrays hold Python objects' : kind === 'c' ? 'complex numbers have no ndarray dtype here' : kind === 'f' && size === '2' ? 'float16 has no ndarray dtype here' : 'no ndarray dtype matches it';
    throw unsupported(descr, why);
  }
  const itemSize = Number(size);
  if (itemSize > 1 && order === '|') throw unsupported(descr, 'a multi-byte dtype needs a byte order (< or >)');
  return { dtype, itemSize, bigEndian: bigEndian && itemSize > 1 };
}

const DESCRS: Readonly<Partial<Record<NdArrayDType, string>>> = {
  int8: '|i1', int16: '<i2', int32: '<i4', int64: '<i8', uint8: '|u1', uint16: '<u2', uint32: '<u4', uint64: '<u8', float32: '<f4', float64: '<f8', bool: '|b1', datetime64: '<M8[ms]',
};

/** The little-endian `descr` numpy reads back as `dtype` (`stringLength` in code points for `string`). */
export function descrOf(dtype: NdArrayDType, stringLength = 1): string {
  return dtype === 'string' ? `<U${Math.max(stringLength, 1)}` : DESCRS[dtype]!;
}
