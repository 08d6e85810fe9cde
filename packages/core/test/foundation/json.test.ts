import { appendPointer } from '@inferschema/core/schema';
import { parseJson, stringifyJson } from '@inferschema/core';

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact as bigint when asked', () => {
    const parsed = parseJson('{"id": 9007199254740993, "neg": -9223372036854775808, "small": 42}', { exactIntegers: true });
    expect(parsed).toEqual({ id: 9007199254740993n, neg: -9223372036854775808n, small: 42 });
  });

  it('leaves safe integers, fractions and exponents as numbers', () => {
    const parsed = parseJson('[9007199254740991, 0.12345678901234567890, 1.5e300, 12345678901234567890.5]', { exactIntegers: true });
    expect(parsed).toEqual([9007199254740991, 0.12345678901234568, 1.5e300, 12345678901234567000]);
  });

  it('rounds like JSON.parse when exact integers are not asked for', () => {
    expect(parseJson('9007199254740993')).toBe(9007199254740992);
  });

  it('takes the slow path for long digit runs inside strings and still returns strings', () => {
    expect(parseJson('{"s": "12345678901234567890"}', { exactIntegers: true })).toEqual({ s: '12345678901234567890' });
  });

  it('throws SyntaxError on malformed JSON in both paths', () => {
    expect(() => parseJson('{"a": 1', { exactIntegers: true })).toThrow(SyntaxError);
    expect(() => parseJson('{"a": 12345678901234567890', { exactIntegers: true })).toThrow(SyntaxError);
    expect(() => parseJson('')).toThrow(SyntaxError);
  });
});

describe('stringifyJson', () => {
  it('writes bigint values as exact JSON integers', () => {
    expect(stringifyJson({ id: 9007199254740993n, list: [1, -18446744073709551615n] })).toBe(
      '{"id":9007199254740993,"list":[1,-18446744073709551615]}',
    );
  });

  it('matches JSON.stringify when there is no bigint', () => {
    const value = { a: [1, 'x', null, true], b: { c: 1.5 } };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it('round-trips with parseJson', () => {
    const value = { big: 123456789012345678901n, n: 1 };
    expect(parseJson(stringifyJson(value), { exactIntegers: true })).toEqual(value);
  });
});

describe('appendPointer', () => {
  it('escapes ~ and / as RFC 6901 requires', () => {
    expect(appendPointer('', 'a/b')).toBe('/a~1b');
    expect(appendPointer('/x', '~y')).toBe('/x/~0y');
    expect(appendPointer('/data', 3)).toBe('/data/3');
  });
});
