import { integer, parseJson, StandardParameterType } from '@inferschema/core';
import { decodeFrozen } from './helpers.js';

describe('StandardParameterType.decode', () => {
  it('returns strings, doubles, booleans and null as they are', () => {
    const type = new StandardParameterType({ s: 'a', n: 1, b: true, z: null });
    expect(decodeFrozen(type, { s: '', n: -0.5, b: false, z: null })).toStrictEqual({ s: '', n: -0.5, b: false, z: null });
  });

  it('accepts integers where the sample has a double', () => {
    expect(decodeFrozen(new StandardParameterType(1.5), 3)).toBe(3);
  });

  it('returns a fresh copy, never the input itself', () => {
    const type = new StandardParameterType({ list: [[1]], inner: { s: 'a' } });
    const input = { list: [[2]], inner: { s: 'b' } };
    const value = type.decode(input);
    expect(value).toStrictEqual(input);
    expect(value).not.toBe(input);
    expect(value.list).not.toBe(input.list);
    expect(value.list[0]).not.toBe(input.list[0]);
    expect(value.inner).not.toBe(input.inner);
  });

  it('decodes bigint members from safe numbers, exact bigints and decimal strings', () => {
    const type = new StandardParameterType({ ids: [1n] });
    const body = parseJson('{"ids": [7, 9007199254740993, "-9223372036854775808"]}', { exactIntegers: true });
    expect(decodeFrozen(type, body)).toStrictEqual({ ids: [7n, 9007199254740993n, -9223372036854775808n] });
  });

  it('decodes a uint64 sample up to 2^64 - 1', () => {
    const type = new StandardParameterType(18446744073709551615n);
    expect(decodeFrozen(type, '18446744073709551615')).toBe(18446744073709551615n);
  });

  it('decodes integer() to a number, from a number, a safe bigint or a decimal string', () => {
    const type = new StandardParameterType([integer(1)]);
    expect(decodeFrozen(type, [3, 4n, '-5', 9007199254740991])).toStrictEqual([3, 4, -5, 9007199254740991]);
  });

  it('decodes 32-bit integer() formats to numbers', () => {
    const type = new StandardParameterType({ small: integer(1, 'int8'), big: integer(1, 'uint32') });
    expect(decodeFrozen(type, { small: -128, big: 4294967295 })).toStrictEqual({ small: -128, big: 4294967295 });
  });

  it.each([
    ['2024-01-31T12:00:00Z', '2024-01-31T12:00:00.000Z'],
    ['2024-01-31T12:00:00.5+01:00', '2024-01-31T11:00:00.500Z'],
    ['2024-01-31 12:00:00.123456-0230', '2024-01-31T14:30:00.123Z'],
    ['2024-01-31t12:00:00z', '2024-01-31T12:00:00.000Z'],
    ['2024-01-31T12:00:00+05', '2024-01-31T07:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['2016-12-31T23:59:60Z', '2017-01-01T00:00:00.000Z'],
  ])('decodes the date-time %s to a Date', (text, iso) => {
    const value = decodeFrozen(new StandardParameterType(new Date()), text);
    expect(value).toBeInstanceOf(Date);
    expect(value.toISOString()).toBe(iso);
  });

  it('decodes base64 to a Uint8Array of its own for a Uint8Array sample', () => {
    const value = decodeFrozen(new StandardParameterType(new Uint8Array(1)), 'YWJj');
    expect(value.constructor).toBe(Uint8Array);
    expect([...value]).toEqual([97, 98, 99]);
    expect(value.buffer.byteLength).toBe(3);
  });

  it('decodes base64 to a Buffer for a Buffer sample', () => {
    const value = decodeFrozen(new StandardParameterType(Buffer.alloc(1)), '');
    expect(Buffer.isBuffer(value)).toBe(true);
    expect(decodeFrozen(new StandardParameterType(Buffer.alloc(1)), 'aGkh').toString()).toBe('hi!');
  });

  it('decodes arrays of any length, including empty ones', () => {
    const type = new StandardParameterType([new Date(0)]);
    expect(decodeFrozen(type, [])).toEqual([]);
    expect(decodeFrozen(type, ['2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z']).map((date) => date.getUTCFullYear())).toEqual([
      2024, 2025,
    ]);
  });

  it('decodes an empty array sample from an empty array', () => {
    expect(decodeFrozen(new StandardParameterType({ none: [] }), { none: [] })).toStrictEqual({ none: [] });
  });

  it('decodes each element of a mixed array through the first kind it matches, in the sample order', () => {
    const type = new StandardParameterType([new Date(0), 'text', 1n, new Uint8Array(1)]);
    expect(decodeFrozen(type, ['2024-01-01T00:00:00Z', 'hello', 5, '7'])).toStrictEqual([
      new Date('2024-01-01T00:00:00Z'),
      'hello',
      5n,
      '7',
    ]);
  });

  it('decodes objects of different shapes in one array, converting each by its own shape', () => {
    const type = new StandardParameterType([{ at: new Date(0) }, { id: 1n }]);
    expect(decodeFrozen(type, [{ id: '12' }, { at: '2024-01-01T00:00:00Z' }])).toStrictEqual([
      { id: 12n },
      { at: new Date('2024-01-01T00:00:00Z') },
    ]);
  });

  it('decodes a nullable array', () => {
    const type = new StandardParameterType([new Date(0), null]);
    expect(decodeFrozen(type, [null, '2024-01-01T00:00:00Z'])).toStrictEqual([null, new Date('2024-01-01T00:00:00Z')]);
  });

  it('decodes deep structures', () => {
    const type = new StandardParameterType({ a: [{ b: [[{ c: 1n, d: [new Date(0)] }]] }] });
    expect(decodeFrozen(type, { a: [{ b: [[{ c: 3, d: [] }], []] }, { b: [] }] })).toStrictEqual({
      a: [{ b: [[{ c: 3n, d: [] }], []] }, { b: [] }],
    });
  });

  it('accepts keys that need escaping', () => {
    const type = new StandardParameterType({ 'a/b': 1, '~': new Date(0) });
    expect(decodeFrozen(type, { 'a/b': 2, '~': '2024-01-01T00:00:00Z' })).toStrictEqual({
      'a/b': 2,
      '~': new Date('2024-01-01T00:00:00Z'),
    });
  });
});
