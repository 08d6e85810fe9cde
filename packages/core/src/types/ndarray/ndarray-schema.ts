import type { JsonValue } from '../../json/json-value.js';
import type { JsonSchema } from '../../schema/json-schema.js';
import { itemSchemaOf, type NdArrayDType } from './dtype.js';

/** What the schema of an ndarray enforces. */
export interface NdArrayRules {
  /** Items must have the dtype's JSON type and range; otherwise any item is described and the dtype inferred. */
  readonly enforceDtype: boolean;
  /** Every dimension after the first has the sample's size (`minItems = maxItems`). */
  readonly enforceShape: boolean;
}

/** The item schema when the dtype is not enforced: validation happens in `convert`, which infers the dtype. */
export const ANY_ITEM_DESCRIPTION = 'a number, boolean or string; the dtype is inferred from the values';

/**
 * The schema of an ndarray of `shape` and `dtype`: one `array` per dimension around the item schema, the
 * `numpy.ndarray` format marker and the example. The first dimension (the batch) is free; with
 * `enforceShape`, each later one has exactly the sample's size.
 *
 * @example
 * ndarraySchema([2, 3], 'int8', [[1, 2, 3], [4, 5, 6]], { enforceDtype: true, enforceShape: true });
 * // { type: 'array', items: { type: 'array', items: { type: 'integer', format: 'int8' }, minItems: 3, maxItems: 3 },
 * //   example: [[1, 2, 3], [4, 5, 6]], format: 'numpy.ndarray' }
 */
export function ndarraySchema(shape: readonly number[], dtype: NdArrayDType, example: JsonValue, rules: NdArrayRules): JsonSchema {
  let schema: JsonSchema = rules.enforceDtype ? itemSchemaOf(dtype) : { description: ANY_ITEM_DESCRIPTION };
  for (let depth = shape.length - 1; depth > 0; depth--) {
    schema = { type: 'array', items: schema };
    if (rules.enforceShape) {
      schema.minItems = shape[depth]!;
      schema.maxItems = shape[depth]!;
    }
  }
  return { type: 'array', items: schema, example, format: 'numpy.ndarray' };
}
