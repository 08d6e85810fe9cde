/**
 * `fn` over each element of an array or typed array, into a plain array built by `push`. Not
 * `Array.from(values, fn)`, which walks a typed array through its iterator (~15× slower for one value), and
 * not a `new Array(length)` filled by index, which is holey and ~30% slower to `JSON.stringify`.
 *
 * @example
 * packedMap(Float32Array.of(1.5, 2), (value) => value * 2); // [3, 4]
 */
export function packedMap<T, R>(values: ArrayLike<T>, fn: (value: T, index: number) => R): R[] {
  const out: R[] = [];
  for (let index = 0; index < values.length; index++) out.push(fn(values[index]!, index));
  return out;
}
