import type { DataFrameParameterType } from './dataframe/dataframe-parameter-type.js';
import type { NdArrayParameterType } from './ndarray/ndarray-parameter-type.js';
import { ParameterType } from './parameter-type.js';
import type { StandardParameterType } from './standard/standard-parameter-type.js';
import type { StandardSample } from './standard/standard-sample.js';

/**
 * What a parameter type is, as its `kind` tag says: one of the three built-in types, or `custom` for a
 * class an entry script derives from `ParameterType` itself. A plain string, so it reads the same from any
 * copy of this package (an entry script and the server may load different copies, where `instanceof` fails).
 */
export type ParameterKind = 'standard' | 'ndarray' | 'dataframe' | 'custom';

/** Every kind, in the order of {@link ParameterKind}. */
export const PARAMETER_KINDS: readonly ParameterKind[] = Object.freeze(['standard', 'ndarray', 'dataframe', 'custom'] as const);

/**
 * True for a parameter type built by any copy of `@inferschema/core` (a registered-symbol brand, not the
 * class identity).
 *
 * @example
 * isParameterType(script.parameters[0]?.type); // true for a declared parameter
 */
export function isParameterType(value: unknown): value is ParameterType {
  return value instanceof ParameterType;
}

function hasKind(value: unknown, kind: ParameterKind): boolean {
  return isParameterType(value) && (value as { readonly kind?: unknown }).kind === kind;
}

/**
 * True for a {@link StandardParameterType} from any copy of the package.
 *
 * @example
 * isStandardType(new StandardParameterType({ text: 'hi' })); // true
 */
export function isStandardType(value: unknown): value is StandardParameterType<StandardSample> {
  return hasKind(value, 'standard');
}

/**
 * True for an {@link NdArrayParameterType} from any copy of the package.
 *
 * @example
 * if (isNdArrayType(type)) console.log(type.dtype, type.shape);
 */
export function isNdArrayType(value: unknown): value is NdArrayParameterType {
  return hasKind(value, 'ndarray');
}

/**
 * True for a {@link DataFrameParameterType} from any copy of the package.
 *
 * @example
 * if (isDataFrameType(type)) console.log(type.orient);
 */
export function isDataFrameType(value: unknown): value is DataFrameParameterType {
  return hasKind(value, 'dataframe');
}
