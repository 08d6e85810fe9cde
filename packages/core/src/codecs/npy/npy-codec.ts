import { isNdArrayType } from '../../types/kind.js';
import type { NdArrayParameterType } from '../../types/ndarray/ndarray-parameter-type.js';
import type { NdArray, FlatData } from '../../types/ndarray/ndarray-like.js';
import type { ParameterType } from '../../types/parameter-type.js';
import type { BodyCodec } from '../body-codec.js';
import { BodyFormatError } from '../body-format-error.js';
import { npyArray, readNpyLayout, type NpyLayout } from './read-npy.js';
import { writeNpy } from './write-npy.js';

/** The ndarray type behind a parameter type, if it is one. */
function ndarrayTypeOf(type: ParameterType): NdArrayParameterType | undefined {
  return isNdArrayType(type) ? type : undefined;
}

function schemaError(message: string): BodyFormatError {
  return new BodyFormatError('schema', message);
}

/** Checks a header against the type's sample, before the data is read: dimensions, sizes after the first, dtype. */
function checkLayout(layout: NpyLayout, type: NdArrayParameterType): void {
  const { shape } = layout;
  if (shape.length !== type.shape.length) {
    throw schemaError(`.npy array has ${shape.length} dimensions (shape (${shape.join(', ')})), expected ${type.shape.length}`);
  }
  if (type.enforceShape) {
    for (let d = 1; d < shape.length; d++) {
      if (shape[d] !== type.shape[d]) {
        throw schemaError(`.npy array has shape (${shape.join(', ')}): dimension ${d} must have size ${type.shape[d]}, like the sample's (${type.shape.join(', ')})`);
      }
    }
  }
  if (type.enforceDtype && layout.type.dtype !== type.dtype) {
    throw schemaError(`.npy array has dtype ${layout.type.dtype} ('${layout.descr}'), expected ${type.dtype}`);
  }
}

/**
 * `application/x-npy`: numpy's `.npy` format (versions 1.0, 2.0 and 3.0) for {@link NdArrayParameterType}.
 * The header is checked against the sample (number of dimensions; sizes after the first and the dtype unless
 * `enforceShape` / `enforceDtype` are off) before the data is touched, and the data must be exactly as long
 * as the header says. Aligned little-endian row-major numbers decode to a view over the body (no copy).
 */
export const npyCodec: BodyCodec = Object.freeze({
  name: 'npy',
  mediaTypes: Object.freeze(['application/x-npy']),
  extensions: Object.freeze({ '.npy': 'application/x-npy' }),
  carries: 'value' as const,
  supports: (type: ParameterType) => ndarrayTypeOf(type) !== undefined,
  decode(bytes: Uint8Array, type: ParameterType): NdArray {
    const ndarrayType = ndarrayTypeOf(type);
    if (!ndarrayType) throw new TypeError('The .npy codec decodes NdArrayParameterType parameters only');
    const layout = readNpyLayout(bytes);
    checkLayout(layout, ndarrayType);
    return npyArray(bytes, layout);
  },
  encode(value: unknown, type: ParameterType): Uint8Array {
    return writeNpy(value as NdArray | FlatData, ndarrayTypeOf(type)?.dtype);
  },
});
