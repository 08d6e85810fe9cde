/**
 * An integer as JSON: a number when it is within ±2^53, otherwise the `bigint` itself (which `stringifyJson`
 * writes exactly). Every encoder uses this, so a value reads back the same through `parseJson`.
 *
 * @example
 * jsonInteger(42n);                // 42
 * jsonInteger(9007199254740993n);  // 9007199254740993n
 */
export function jsonInteger(value: bigint): number | bigint {
  return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value;
}
