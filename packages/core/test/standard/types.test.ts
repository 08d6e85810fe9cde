import ndarray from 'ndarray';
import { tableFromArrays, type Table } from 'apache-arrow';
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import {
  integer,
  NdArrayParameterType,
  StandardParameterType,
  type DecodedValue,
  type NdArrayOf,
  type StandardValue,
} from '@inferschema/core';

// Checked by `tsc -b` (the test project includes this file); at run time it only builds the types.
describe('StandardParameterType types', () => {
  it('decode returns the native value the sample describes', () => {
    const someNdArrayType = new NdArrayParameterType(ndarray(new Float64Array(4), [2, 2]));
    const type = new StandardParameterType({ a: 1, b: [true], c: new Date(), d: someNdArrayType });
    expectTypeOf(type.decode).returns.toEqualTypeOf<{ a: number; b: boolean[]; c: Date; d: DecodedValue<typeof someNdArrayType> }>();
    expectTypeOf<DecodedValue<typeof type>>().toEqualTypeOf<{ a: number; b: boolean[]; c: Date; d: NdArrayOf<'float64'> }>();
  });

  it('widens literals, and maps bigint, integer(), bytes and null', () => {
    expectTypeOf(new StandardParameterType('a').decode('')).toEqualTypeOf<string>();
    expectTypeOf(new StandardParameterType(1).decode(1)).toEqualTypeOf<number>();
    expectTypeOf(new StandardParameterType(true).decode(true)).toEqualTypeOf<boolean>();
    expectTypeOf(new StandardParameterType(1n).decode(1)).toEqualTypeOf<bigint>();
    expectTypeOf(new StandardParameterType(integer(1)).decode(1)).toEqualTypeOf<number>();
    expectTypeOf(new StandardParameterType(null).decode(null)).toEqualTypeOf<null>();
    expectTypeOf(new StandardParameterType(new Uint8Array(1)).decode('')).toEqualTypeOf<Uint8Array>();
    expectTypeOf(new StandardParameterType(Buffer.alloc(1)).decode('')).toEqualTypeOf<Buffer>();
  });

  it('types arrays by every kind of element', () => {
    expectTypeOf(new StandardParameterType([1, 'a', null]).decode([])).toEqualTypeOf<(number | string | null)[]>();
    expectTypeOf(new StandardParameterType([[new Date()]]).decode([])).toEqualTypeOf<Date[][]>();
    const shapes = new StandardParameterType([{ a: 1 }, { b: 'x' }]);
    expectTypeOf(shapes.decode([])).toEqualTypeOf<({ a: number; b?: undefined } | { b: string; a?: undefined })[]>();
  });

  it('types nested parameter types as their own values', () => {
    const frame = new DataFrameParameterType(tableFromArrays({ age: Int32Array.of(1) }));
    const inner = new StandardParameterType({ at: new Date(), ids: [1n] });
    const type = new StandardParameterType({ Inputs: { data: frame, inner: [inner] } });
    expectTypeOf(type.decode).returns.toEqualTypeOf<{ Inputs: { data: DecodedValue<typeof frame>; inner: { at: Date; ids: bigint[] }[] } }>();
    expectTypeOf<DecodedValue<typeof type>['Inputs']['data']>().toMatchTypeOf<Table>();
    expectTypeOf<StandardValue<{ x: typeof inner }>>().toEqualTypeOf<{ x: { at: Date; ids: bigint[] } }>();
  });

  it('encode takes the decoded value, and typed arrays where the sample has numbers', () => {
    const type = new StandardParameterType({ scores: [0.5], ids: [1n], id: 1n, at: new Date() });
    type.encode({ scores: [1], ids: [1n], id: 1n, at: new Date() });
    type.encode({ scores: Float32Array.of(1), ids: BigInt64Array.of(1n), id: 5, at: new Date() });
    // @ts-expect-error: a string is not a number
    expect(() => type.encode({ scores: ['x'], ids: [], id: 1n, at: new Date() })).not.toThrow();
    // @ts-expect-error: a date must be a Date
    expect(() => type.encode({ scores: [], ids: [], id: 1n, at: 5 })).not.toThrow();
  });

  it('refuses samples JSON cannot describe at compile time too', () => {
    // @ts-expect-error: a function
    expect(() => new StandardParameterType({ f: () => 1 })).toThrow(TypeError);
    // @ts-expect-error: a Map
    expect(() => new StandardParameterType(new Map())).toThrow(TypeError);
    // @ts-expect-error: a symbol
    expect(() => new StandardParameterType([Symbol('s')])).toThrow(TypeError);
    // @ts-expect-error: undefined
    expect(() => new StandardParameterType(undefined)).toThrow(TypeError);
  });
});
