import { ndarrayOf, type FlatData, type NdArray } from './ndarray-like.js';

/** A value a nested array sample holds at its leaves. */
export type NestedSampleLeaf = number | bigint | boolean | string | Date;

/** Nested plain arrays, as `np.array` takes them (`[[1, 2, 3], [4, 5, 6]]`), at any depth. */
export type NestedArray<T = NestedSampleLeaf> = readonly (T | NestedArray<T>)[];

/** The leaf type of nested arrays: `number` for `number[][][]`. */
export type NestedLeafOf<S> = S extends readonly (infer E)[] ? (E extends readonly unknown[] ? NestedLeafOf<E> : E) : never;

function describeIndex(path: readonly number[]): string {
  return path.map((index) => `[${index}]`).join('');
}

/**
 * An ndarray over a sample of nested plain arrays (`[[1, 2, 3], [4, 5, 6]]` has shape [2, 3]), or undefined
 * when the sample is a flat array (no array among its items).
 *
 * @throws TypeError when the nesting is ragged (rows of different lengths, or arrays beside values).
 */
export function nestedArrayOf(sample: readonly unknown[]): NdArray | undefined {
  if (!sample.some((item) => Array.isArray(item))) return undefined;
  const shape: number[] = [];
  for (let level: unknown = sample; Array.isArray(level); level = level[0]) shape.push(level.length);
  const values: unknown[] = [];
  const visit = (array: readonly unknown[], depth: number, path: number[]): void => {
    if (array.length !== shape[depth]) {
      throw new TypeError(
        `NdArrayParameterType: the sample is ragged: ${describeIndex(path) || 'it'} has ${array.length === 1 ? '1 item' : `${array.length} items`} where ${describeIndex(path.map(() => 0)) || 'the first row'} has ${shape[depth]}; nested arrays must be rectangular, as np.array needs them`,
      );
    }
    array.forEach((item, index) => {
      const inner = depth + 1 < shape.length;
      if (Array.isArray(item) !== inner) {
        throw new TypeError(
          `NdArrayParameterType: the sample is ragged: ${describeIndex([...path, index])} is ${inner ? 'a value where an array' : 'an array where a value'} was expected (${shape.length === 1 ? '1 dimension' : `${shape.length} dimensions`}, read from the first items)`,
        );
      }
      if (inner) visit(item as readonly unknown[], depth + 1, [...path, index]);
      else values.push(item);
    });
  };
  visit(sample, 0, []);
  return ndarrayOf(values as FlatData, shape);
}
