import { StandardParameterType, UnencodableValueError } from '@inferschema/core';
import { request } from '../docs/parameter-types/standard-example.js';
import { decodeFrozen, expectRejected } from './helpers.js';

// The example of docs/parameter-types.md, section StandardParameterType: the doc's code block is standard-example.ts.
describe('the StandardParameterType example in docs/parameter-types.md', () => {
  it('has the documented schema', () => {
    expect(request.toJsonSchema()).toStrictEqual({
      type: 'object',
      properties: {
        text: { type: 'string' },
        topK: { type: 'integer', format: 'int64', minimum: -9007199254740991, maximum: 9007199254740991 },
        temperature: { type: 'number', format: 'double' },
        seed: { type: 'integer', format: 'int64' },
        since: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' } },
        filters: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, value: { type: 'string' } },
            required: ['field', 'value'],
            additionalProperties: false,
          },
        },
      },
      required: ['text', 'topK', 'temperature', 'seed', 'since', 'tags', 'filters'],
      additionalProperties: false,
      example: {
        text: 'the quick brown fox',
        topK: 5,
        temperature: 0.7,
        seed: 42,
        since: '2024-01-31T12:00:00.000Z',
        tags: ['news', 'en'],
        filters: [{ field: 'lang', value: 'en' }],
      },
    });
    expect(request.supportedVersions()).toEqual(['2.0', '3.0', '3.1']);
  });

  it('accepts the documented request', () => {
    const body = {
      text: 'hello',
      topK: 3,
      temperature: 1,
      seed: '9223372036854775807',
      since: '2024-02-01T08:30:00+01:00',
      tags: [],
      filters: [{ field: 'year', value: '2024' }],
    };
    expect(decodeFrozen(request, body)).toStrictEqual({
      text: 'hello',
      topK: 3,
      temperature: 1,
      seed: 9223372036854775807n,
      since: new Date('2024-02-01T07:30:00.000Z'),
      tags: [],
      filters: [{ field: 'year', value: '2024' }],
    });
  });

  it('rejects the documented request with the documented errors', () => {
    const body = {
      text: 'hello',
      topK: 2.5,
      temperature: '0.7',
      seed: 1,
      since: '2024-02-01',
      tags: ['a', 3],
      filters: [{ field: 'lang' }],
      extra: true,
    };
    expectRejected(request, body, [
      { path: '/extra', message: 'is not allowed' },
      { path: '/topK', message: 'must be an integer' },
      { path: '/temperature', message: 'must be a number' },
      { path: '/since', message: 'must be an ISO 8601 date-time with a time zone, e.g. 2024-01-31T12:00:00Z' },
      { path: '/tags/1', message: 'must be a string' },
      { path: '/filters/0/value', message: 'is required' },
    ]);
  });

  it('has the documented sample and encode errors', () => {
    expect(() => new StandardParameterType({ inputs: [1, 2, () => 1] } as never)).toThrow(
      new TypeError('Unsupported sample value at /inputs/2: a function'),
    );
    const list = new StandardParameterType({ list: [1] });
    expect(() => list.encode({ list: [1, (() => 1) as never] })).toThrow(UnencodableValueError);
    expect(() => list.encode({ list: [1, (() => 1) as never] })).toThrow('Cannot encode the value at /list/1: a function');
  });
});
