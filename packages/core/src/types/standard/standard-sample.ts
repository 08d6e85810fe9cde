import type { NumericTypedArray } from '../typed-array.js';
import type { ParameterType } from '../parameter-type.js';
import type { IntegerSample } from './integer-sample.js';

/**
 * What a {@link StandardParameterType} can be built from: JSON values, `bigint`, `Date`, bytes, integers
 * declared with `integer()`, and parameter types nested at any depth inside arrays and plain objects.
 *
 * @example
 * const sample = { text: 'hi', topK: integer(5), at: new Date(), ids: [1n], features: ndarrayType } satisfies StandardSample;
 */
export type StandardSample =
  | string
  | number
  | boolean
  | bigint
  | null
  | Date
  | Uint8Array
  | IntegerSample
  | ParameterType<any, any>
  | readonly StandardSample[]
  // `undefined` only because TypeScript gives `[{ a: 1 }, { b: 2 }]` the type `({ a: number; b?: undefined } | ...)[]`;
  // a member that really is `undefined` is refused when the type is built.
  | { readonly [key: string]: StandardSample | undefined };

/**
 * The native value a standard sample decodes to: numbers, strings and booleans as they are, `bigint`,
 * `Date` and bytes as themselves, `integer()` as `number`, a nested parameter type as its own value.
 *
 * @example
 * type Value = StandardValue<{ a: number; when: Date; ids: bigint[] }>; // { a: number; when: Date; ids: bigint[] }
 */
export type StandardValue<S> = S extends ParameterType<any, any>
  ? // Read from `decode` rather than inferred from the class: `encode`'s wider parameter would blur the inference.
    ReturnType<S['decode']>
  : S extends IntegerSample
    ? number
    : S extends Date
      ? Date
      : S extends Buffer
        ? Buffer
        : S extends Uint8Array
          ? Uint8Array
          : S extends string | number | boolean | bigint | null | undefined
            ? Widened<S>
            : S extends readonly (infer E)[]
              ? StandardValue<E>[]
              : { -readonly [K in keyof S]: StandardValue<S[K]> };

/** A literal type widened to its primitive: `'a'` → `string`, `1` → `number`, `true` → `boolean`. */
type Widened<S> = S extends string ? string : S extends number ? number : S extends boolean ? boolean : S extends bigint ? bigint : S;

/** The typed arrays `encode` takes where the sample has an array of numbers. */
export type { NumericTypedArray } from '../typed-array.js';

/**
 * What `encode` takes for a standard sample: its {@link StandardValue}, with typed arrays where the sample has
 * an array of numbers (`BigInt64Array`/`BigUint64Array` where it has `bigint`s), and numbers where it has a
 * `bigint`.
 *
 * @example
 * type Output = StandardEncodable<{ scores: number[] }>; // { readonly scores: readonly number[] | Float64Array | ... }
 */
export type StandardEncodable<S> = S extends ParameterType<any, any>
  ? Parameters<S['encode']>[0]
  : S extends bigint
    ? bigint | number
    : S extends Date | Uint8Array | IntegerSample | string | number | boolean | null | undefined
      ? StandardValue<S>
      : S extends readonly (infer E)[]
        ?
            | readonly StandardEncodable<E>[]
            | ([E] extends [number | IntegerSample] ? NumericTypedArray : never)
            | ([E] extends [bigint] ? BigInt64Array | BigUint64Array : never)
        : { readonly [K in keyof S]: StandardEncodable<S[K]> };
