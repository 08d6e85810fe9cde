import { integer, StandardParameterType, type JsonSchema, type OpenApiVersion, type StandardSample } from '@inferschema/core';
import { compileStrict } from './helpers.js';

const ALL: OpenApiVersion[] = ['2.0', '3.0', '3.1'];
const V3: OpenApiVersion[] = ['3.0', '3.1'];
const DOUBLE = { type: 'number', format: 'double' } as const;

interface SchemaCase {
  readonly name: string;
  readonly sample: StandardSample;
  readonly schema: JsonSchema;
  readonly versions?: OpenApiVersion[];
}

const cases: SchemaCase[] = [
  { name: 'a string', sample: 'hello', schema: { type: 'string', example: 'hello' } },
  { name: 'a number is a double', sample: 1, schema: { ...DOUBLE, example: 1 } },
  { name: 'a fractional number', sample: -2.5, schema: { ...DOUBLE, example: -2.5 } },
  { name: 'a boolean', sample: false, schema: { type: 'boolean', example: false } },
  { name: 'null', sample: null, schema: { type: 'null', example: null } },
  { name: 'a bigint is an int64', sample: 5n, schema: { type: 'integer', format: 'int64', example: 5 } },
  {
    name: 'a bigint beyond ±2^53 keeps its exact example',
    sample: 9007199254740993n,
    schema: { type: 'integer', format: 'int64', example: 9007199254740993n },
  },
  {
    name: 'a bigint beyond int64 is a uint64',
    sample: 18446744073709551615n,
    schema: { type: 'integer', format: 'uint64', example: 18446744073709551615n },
  },
  {
    name: 'integer() is an int64 within ±2^53',
    sample: integer(5),
    schema: { type: 'integer', format: 'int64', minimum: -9007199254740991, maximum: 9007199254740991, example: 5 },
  },
  {
    name: 'integer() as uint64',
    sample: integer(5, 'uint64'),
    schema: { type: 'integer', format: 'uint64', minimum: 0, maximum: 9007199254740991, example: 5 },
  },
  { name: 'integer() with a 32-bit format', sample: integer(-3, 'int32'), schema: { type: 'integer', format: 'int32', example: -3 } },
  { name: 'integer() as uint8', sample: integer(255, 'uint8'), schema: { type: 'integer', format: 'uint8', example: 255 } },
  {
    name: 'a Date is an ISO 8601 date-time',
    sample: new Date(Date.UTC(2024, 0, 31, 12, 0, 0, 250)),
    schema: { type: 'string', format: 'date-time', example: '2024-01-31T12:00:00.250Z' },
  },
  { name: 'a Uint8Array is base64', sample: new Uint8Array([97, 98, 99]), schema: { type: 'string', format: 'byte', example: 'YWJj' } },
  { name: 'a Buffer is base64', sample: Buffer.from('hi!'), schema: { type: 'string', format: 'byte', example: 'aGkh' } },
  { name: 'an array of one kind', sample: [1, 2, 3], schema: { type: 'array', items: DOUBLE, example: [1, 2, 3] } },
  {
    name: 'an array of several kinds is anyOf each kind, in order, once',
    sample: ['a', 1, 'b', true, 2],
    schema: { type: 'array', items: { anyOf: [{ type: 'string' }, DOUBLE, { type: 'boolean' }] }, example: ['a', 1, 'b', true, 2] },
    versions: V3,
  },
  {
    name: 'null and one other kind is a nullable type',
    sample: [1, null],
    schema: { type: 'array', items: { ...DOUBLE, type: ['number', 'null'] }, example: [1, null] },
  },
  {
    name: 'null and several kinds stays anyOf',
    sample: [null, 'a', 1],
    schema: { type: 'array', items: { anyOf: [{ type: 'null' }, { type: 'string' }, DOUBLE] }, example: [null, 'a', 1] },
    versions: V3,
  },
  {
    name: 'a nullable int64',
    sample: [5n, null],
    schema: { type: 'array', items: { type: ['integer', 'null'], format: 'int64' }, example: [5, null] },
  },
  {
    name: 'doubles and integers are different kinds',
    sample: [integer(1), 1.5],
    schema: {
      type: 'array',
      items: { anyOf: [{ type: 'integer', format: 'int64', minimum: -9007199254740991, maximum: 9007199254740991 }, DOUBLE] },
      example: [1, 1.5],
    },
    versions: V3,
  },
  {
    name: 'an empty array accepts only empty arrays',
    sample: [],
    schema: { type: 'array', maxItems: 0, example: [] },
  },
  {
    name: 'nested arrays',
    sample: [[1, 2], [3]],
    schema: { type: 'array', items: { type: 'array', items: DOUBLE }, example: [[1, 2], [3]] },
  },
  {
    name: 'nested arrays of different kinds',
    sample: [[1], ['a']],
    schema: {
      type: 'array',
      items: { anyOf: [{ type: 'array', items: DOUBLE }, { type: 'array', items: { type: 'string' } }] },
      example: [[1], ['a']],
    },
    versions: V3,
  },
  {
    name: 'an object is exact: every key required, no others',
    sample: { name: 'Sarah', age: 25, tags: ['a'] },
    schema: {
      type: 'object',
      properties: { name: { type: 'string' }, age: DOUBLE, tags: { type: 'array', items: { type: 'string' } } },
      required: ['name', 'age', 'tags'],
      additionalProperties: false,
      example: { name: 'Sarah', age: 25, tags: ['a'] },
    },
  },
  {
    name: 'an empty object',
    sample: {},
    schema: { type: 'object', properties: {}, required: [], additionalProperties: false, example: {} },
  },
  {
    name: 'an object with a null member',
    sample: { note: null },
    schema: { type: 'object', properties: { note: { type: 'null' } }, required: ['note'], additionalProperties: false, example: { note: null } },
  },
  {
    name: 'objects with the same keys in an array are one kind',
    sample: [{ a: 1 }, { a: 2 }],
    schema: {
      type: 'array',
      items: { type: 'object', properties: { a: DOUBLE }, required: ['a'], additionalProperties: false },
      example: [{ a: 1 }, { a: 2 }],
    },
  },
  {
    name: 'objects with different keys in an array are anyOf',
    sample: [{ a: 1 }, { b: 'x' }],
    schema: {
      type: 'array',
      items: {
        anyOf: [
          { type: 'object', properties: { a: DOUBLE }, required: ['a'], additionalProperties: false },
          { type: 'object', properties: { b: { type: 'string' } }, required: ['b'], additionalProperties: false },
        ],
      },
      example: [{ a: 1 }, { b: 'x' }],
    },
    versions: V3,
  },
  {
    name: 'a mixed array inside an object inside an array is found too',
    sample: [{ a: [1, 'x'] }],
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: { a: { type: 'array', items: { anyOf: [DOUBLE, { type: 'string' }] } } },
        required: ['a'],
        additionalProperties: false,
      },
      example: [{ a: [1, 'x'] }],
    },
    versions: V3,
  },
  {
    name: 'keys that need escaping in a JSON Pointer',
    sample: { 'a/b': 1, 'c~d': 'x' },
    schema: {
      type: 'object',
      properties: { 'a/b': DOUBLE, 'c~d': { type: 'string' } },
      required: ['a/b', 'c~d'],
      additionalProperties: false,
      example: { 'a/b': 1, 'c~d': 'x' },
    },
  },
];

describe('StandardParameterType schemas', () => {
  it.each(cases)('$name', ({ sample, schema, versions = ALL }) => {
    const type = new StandardParameterType(sample);
    expect(type.toJsonSchema()).toStrictEqual(schema);
    expect(type.supportedVersions()).toEqual(versions);
    compileStrict(type);
  });

  it('keeps the sample it was built from', () => {
    const sample = { a: [1] };
    expect(new StandardParameterType(sample).sample).toBe(sample);
  });

  it('gives a fresh schema on every call', () => {
    const type = new StandardParameterType({ a: [1] });
    const schema = type.toJsonSchema();
    schema.properties!.a!.type = 'string';
    expect(type.toJsonSchema().properties!.a).toEqual({ type: 'array', items: DOUBLE });
  });

  it('does not change the sample', () => {
    const sample = { when: new Date(0), bytes: new Uint8Array([1]), list: [1, 'a', null], deep: { n: 5n } };
    const before = structuredClone(sample);
    new StandardParameterType(sample);
    expect(sample).toStrictEqual(before);
  });

  it('accepts objects without a prototype', () => {
    const sample = Object.assign(Object.create(null) as Record<string, number>, { a: 1 });
    expect(new StandardParameterType(sample).toJsonSchema().required).toEqual(['a']);
  });
});
