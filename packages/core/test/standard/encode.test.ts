import { integer, parseJson, StandardParameterType, stringifyJson, UnencodableValueError, type StandardSample } from '@inferschema/core';
import fc from 'fast-check';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

/** Through the wire: encode, write, parse exactly, decode. */
function overTheWire<S extends StandardSample>(type: StandardParameterType<S>, value: Parameters<StandardParameterType<S>['encode']>[0]) {
  return type.decode(parseJson(stringifyJson(type.encode(value)), { exactIntegers: true }));
}

describe('StandardParameterType.encode', () => {
  it('writes Date as ISO 8601, bytes as base64 and safe bigints as numbers', () => {
    const type = new StandardParameterType({ at: new Date(), bytes: new Uint8Array(1), buffer: Buffer.alloc(1), id: 1n, big: 1n });
    expect(
      type.encode({
        at: new Date(Date.UTC(2024, 0, 31, 12)),
        bytes: new Uint8Array([97, 98, 99]),
        buffer: Buffer.from('hi!'),
        id: 42n,
        big: 9007199254740993n,
      }),
    ).toStrictEqual({ at: '2024-01-31T12:00:00.000Z', bytes: 'YWJj', buffer: 'aGkh', id: 42, big: 9007199254740993n });
  });

  it('encodes the bytes a Uint8Array views, not the whole buffer under it', () => {
    const view = new Uint8Array([0, 97, 98, 99, 0]).subarray(1, 4);
    expect(new StandardParameterType(new Uint8Array(1)).encode(view)).toBe('YWJj');
  });

  it('writes typed arrays where the sample has an array of numbers as arrays of numbers', () => {
    const type = new StandardParameterType({ scores: [0.5], counts: [integer(1)], ids: [1n], bytes: [1] });
    expect(
      type.encode({
        scores: Float32Array.of(0.5, 1.5),
        counts: Int32Array.of(1, -2),
        ids: BigInt64Array.of(1n, 9007199254740993n),
        bytes: Uint8Array.of(7, 8),
      }),
    ).toStrictEqual({ scores: [0.5, 1.5], counts: [1, -2], ids: [1, 9007199254740993n], bytes: [7, 8] });
  });

  it('writes NaN and infinities as null, as JSON.stringify would', () => {
    expect(new StandardParameterType([1.5]).encode([Number.NaN, Number.POSITIVE_INFINITY, 1])).toStrictEqual([null, null, 1]);
    expect(new StandardParameterType([1.5]).encode(Float64Array.of(Number.NaN, 2))).toStrictEqual([null, 2]);
  });

  it('leaves out undefined members and keeps members the sample does not have, as plain JSON', () => {
    const type = new StandardParameterType({ a: 1, at: new Date() });
    const value = { a: 1, at: undefined, extra: { when: new Date(0) } } as unknown as { a: number; at: Date };
    expect(type.encode(value)).toStrictEqual({ a: 1, extra: { when: '1970-01-01T00:00:00.000Z' } });
  });

  it('encodes each element of a mixed array by its own kind', () => {
    const type = new StandardParameterType([new Date(), 'x', 1n, new Uint8Array(1), { at: new Date() }, null]);
    expect(type.encode([new Date(0), 'y', 5n, Uint8Array.of(255), { at: new Date(1) }, null])).toStrictEqual([
      '1970-01-01T00:00:00.000Z',
      'y',
      5,
      '/w==',
      { at: '1970-01-01T00:00:00.001Z' },
      null,
    ]);
  });

  it('encodes values that do not look like the sample as plain JSON (output validation reports them)', () => {
    const type = new StandardParameterType({ list: [1], at: new Date() });
    expect(type.encode({ list: 'oops', at: 5 } as never)).toStrictEqual({ list: 'oops', at: 5 });
  });

  it('uses toJSON where a value has one', () => {
    const type = new StandardParameterType({ x: 'a' });
    expect(type.encode({ x: { toJSON: () => 'converted' } } as never)).toStrictEqual({ x: 'converted' });
  });

  it.each<[string, unknown, string]>([
    ['a function', { list: [1, () => 1] }, 'Cannot encode the value at /list/1: a function'],
    ['a symbol', { list: [Symbol('s')] }, 'Cannot encode the value at /list/0: a symbol'],
    ['a Map', { list: [], extra: new Map() }, 'Cannot encode the value at /extra: a Map'],
    ['a class instance', { list: [{ deep: new (class Model {})() }] }, 'Cannot encode the value at /list/0/deep: a Model'],
    ['a DataView', { list: new DataView(new ArrayBuffer(1)) }, 'Cannot encode the value at /list: a DataView'],
  ])('refuses %s, naming its path', (_name, value, message) => {
    const type = new StandardParameterType({ list: [1] });
    const error = thrownBy(() => type.encode(value as never));
    expect(error).toBeInstanceOf(UnencodableValueError);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(message);
  });

  it('refuses a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const type = new StandardParameterType({ list: [1] });
    expect((thrownBy(() => type.encode({ list: [], extra: cyclic } as never)) as Error).message).toBe(
      'Cannot encode the value at /extra/self: a circular reference',
    );
  });

  it('is a TypeError', () => {
    expect(() => new StandardParameterType('x').encode((() => 1) as never)).toThrow(TypeError);
    expect(() => new StandardParameterType('x').encode((() => 1) as never)).toThrow('Cannot encode the value: a function');
  });
});

describe('StandardParameterType round trips', () => {
  const sample = {
    text: 'a',
    score: 0.5,
    flag: true,
    nothing: null,
    id: 1n,
    count: integer(1),
    small: integer(1, 'int16'),
    at: new Date(0),
    bytes: new Uint8Array(1),
    list: [[1.5]],
    // A date-time is also a string: the Date comes first so that it decodes back to a Date.
    mixed: [1, new Date(0), 'x', null],
    shapes: [{ a: 1n }, { b: [new Date(0)] }],
    maybe: [1.5, null],
  };
  const type = new StandardParameterType(sample);

  it('decode(encode(x)) is x, and so is a trip over the wire', () => {
    const value = {
      text: 'héllo',
      score: -1e-9,
      flag: false,
      nothing: null,
      id: -9223372036854775808n,
      count: 9007199254740991,
      small: -32768,
      at: new Date('2024-02-29T23:59:59.999Z'),
      bytes: Uint8Array.of(0, 1, 254, 255),
      list: [[], [1, 2]],
      mixed: ['plain text', 2, null, new Date(5)],
      shapes: [{ b: [] }, { a: 5n }],
      maybe: [null, 0],
    };
    expect(type.decode(type.encode(value))).toStrictEqual(value);
    expect(overTheWire(type, value)).toStrictEqual(value);
  });

  it('holds for any value of a sample (property test)', () => {
    // An integral double from 2^53 to 1e21 is written as a run of digits, which an exact parse turns into a
    // bigint that a double position refuses (a limit of exact parsing, see docs/parameter-types.md); left out here.
    const double = fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((x) => !Number.isInteger(x) || Number.isSafeInteger(x) || Math.abs(x) >= 1e21)
      .map((x) => (Object.is(x, -0) ? 0 : x));
    const date = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    const value = fc.record({
      text: fc.string(),
      score: double,
      id: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      count: fc.maxSafeInteger(),
      at: date,
      bytes: fc.uint8Array().map((bytes) => new Uint8Array(bytes)),
      list: fc.array(fc.array(double)),
      shapes: fc.array(
        fc.oneof(
          fc.record({ a: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }) }, { noNullPrototype: true }),
          fc.record({ b: fc.array(date) }, { noNullPrototype: true }),
        ),
      ),
    }, { noNullPrototype: true });
    const narrow = new StandardParameterType({
      text: 'a',
      score: 0.5,
      id: 1n,
      count: integer(1),
      at: new Date(0),
      bytes: new Uint8Array(1),
      list: [[1.5]],
      shapes: [{ a: 1n }, { b: [new Date(0)] }],
    });
    fc.assert(
      fc.property(value, (x) => {
        expect(narrow.decode(narrow.encode(x))).toStrictEqual(x);
        expect(overTheWire(narrow, x)).toStrictEqual(x);
      }),
      { numRuns: 200 },
    );
  });
});
