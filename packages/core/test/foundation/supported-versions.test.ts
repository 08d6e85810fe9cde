import { hasExactIntegers } from '../../src/schema/supported-versions.js';
import { supportedVersionsOf } from '@inferschema/core/schema';

describe('supportedVersionsOf', () => {
  it('allows every version for plain and nullable schemas', () => {
    expect(supportedVersionsOf({ type: 'object', properties: { a: { type: ['integer', 'null'] } } })).toEqual(['2.0', '3.0', '3.1']);
  });

  it('drops Swagger 2.0 when a union appears at any depth', () => {
    const schema = { type: 'object' as const, properties: { a: { type: 'array' as const, items: { anyOf: [{ type: 'string' as const }] } } } };
    expect(supportedVersionsOf(schema)).toEqual(['3.0', '3.1']);
  });

  it('keeps only 3.1 for prefixItems, const and multi-type unions', () => {
    expect(supportedVersionsOf({ type: 'array', prefixItems: [{ type: 'string' }] })).toEqual(['3.1']);
    expect(supportedVersionsOf({ type: 'string', const: 'a' })).toEqual(['3.1']);
    expect(supportedVersionsOf({ type: ['string', 'number'] })).toEqual(['3.1']);
  });
});

describe('hasExactIntegers', () => {
  it('finds int64 and uint64 at any depth', () => {
    expect(hasExactIntegers({ type: 'array', items: { type: 'array', items: { type: 'integer', format: 'uint64' } } })).toBe(true);
    expect(hasExactIntegers({ type: 'object', properties: { a: { type: 'integer', format: 'int32' } } })).toBe(false);
  });
});
