import { compileValidator, MAX_REPORTED_ISSUES } from '@inferschema/core/schema';
import { createStrictAjv } from '../../src/validation/ajv.js';
import { InputValidationError, type JsonSchema } from '@inferschema/core';
import { validationSchemaOf } from '../../src/validation/validation-schema.js';

const matrix: JsonSchema = {
  type: 'array',
  format: 'numpy.ndarray',
  items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'integer', format: 'int8' } },
  example: [[1, 2]],
};

describe('compileValidator', () => {
  it('accepts valid input', () => {
    expect(compileValidator(matrix)([[1, 2], [-128, 127]])).toBeUndefined();
  });

  it('lists every problem with its JSON Pointer and a plain message', () => {
    const error = compileValidator(matrix)([[1, 300], [1], 'x', [1.5, 2]]);
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error?.errors).toEqual([
      { path: '/0/1', message: 'must be int8 (an integer from -128 to 127)' },
      { path: '/1', message: 'must have exactly 2 items' },
      { path: '/2', message: 'must be an array' },
      { path: '/3/0', message: 'must be an integer' },
    ]);
    expect(error?.message).toBe('Invalid input at /0/1: must be int8 (an integer from -128 to 127) (and 3 more problems)');
  });

  it('names missing and unknown keys by their own path', () => {
    const validate = compileValidator({
      type: 'object',
      properties: { a: { type: 'number' }, 'b/c': { type: 'string' } },
      required: ['a', 'b/c'],
      additionalProperties: false,
    });
    const body = JSON.parse('{"a": 1, "__proto__": {"polluted": true}}');
    expect(validate(body)?.errors).toEqual([
      { path: '/b~1c', message: 'is required' },
      { path: '/__proto__', message: 'is not allowed' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks 64-bit integers exactly: bigint, safe numbers and decimal strings', () => {
    const validate = compileValidator({ type: 'array', items: { type: 'integer', format: 'uint64' } });
    expect(validate([0, 18446744073709551615n, '18446744073709551615'])).toBeUndefined();
    expect(validate([-1, 18446744073709551616n, 2 ** 60, '1.5', 1.5])?.errors).toEqual([
      { path: '/0', message: 'must be uint64 (an integer from 0 to 18446744073709551615)' },
      { path: '/1', message: 'must be uint64 (an integer from 0 to 18446744073709551615)' },
      {
        path: '/2',
        message: 'must be an exact integer: this number is beyond ±2^53 and was rounded when parsed; send it as a decimal string',
      },
      { path: '/3', message: 'must be an integer (or a decimal string) for uint64' },
      { path: '/4', message: 'must be an integer' },
    ]);
  });

  it('folds the branches of anyOf into one message', () => {
    const validate = compileValidator({ type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } });
    expect(validate(['a', 1, true])?.errors).toEqual([{ path: '/2', message: 'must be one of: a string, a number' }]);
  });

  it('checks float32 range and date-time formats', () => {
    expect(compileValidator({ type: 'number', format: 'float' })(1e39)?.errors).toEqual([
      { path: '', message: 'must be a float32 (a number within ±3.4028235e38)' },
    ]);
    const dates = compileValidator({ type: 'string', format: 'date-time' });
    expect(dates('2024-01-31T12:00:00Z')).toBeUndefined();
    expect(dates('2024-02-30T12:00:00Z')?.errors[0]?.message).toBe(
      'must be an ISO 8601 date-time with a time zone, e.g. 2024-01-31T12:00:00Z',
    );
  });

  it(`reports at most ${MAX_REPORTED_ISSUES} problems but counts them all`, () => {
    const error = compileValidator({ type: 'array', items: { type: 'number' } })(Array.from({ length: 50 }, () => 'x'));
    expect(error?.errors).toHaveLength(MAX_REPORTED_ISSUES);
    expect(error?.total).toBe(50);
    expect(error?.message).toBe('Invalid input at /0: must be a number (and 49 more problems)');
  });

  it('does not change the value it checks', () => {
    const value = [[1, 'two']];
    const copy = structuredClone(value);
    compileValidator(matrix)(value);
    expect(value).toEqual(copy);
  });
});

describe('validationSchemaOf', () => {
  it('drops annotations and container formats, and rewrites 64-bit integers', () => {
    expect(validationSchemaOf(matrix)).toEqual({
      type: 'array',
      items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'integer', format: 'int8' } },
    });
    expect(validationSchemaOf({ type: ['integer', 'null'], format: 'int64' })).toEqual({
      anyOf: [{ exactInteger: 'int64' }, { type: 'null' }],
    });
  });

  it('produces schemas that compile under strict ajv', () => {
    expect(() => createStrictAjv().compile(validationSchemaOf(matrix))).not.toThrow();
    expect(() => createStrictAjv().compile(matrix)).toThrow(/strict mode/);
  });
});

describe('InputValidationError', () => {
  it('prefixes every path', () => {
    const error = new InputValidationError([{ path: '/3/1', message: 'must be a number' }]).prefixed('/data');
    expect(error.errors).toEqual([{ path: '/data/3/1', message: 'must be a number' }]);
    expect(error.message).toBe('Invalid input at /data/3/1: must be a number');
  });

  it('is recognised by its brand, across copies of the package', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('inferschema.InputValidationError')]: true });
    expect(foreign).toBeInstanceOf(InputValidationError);
    expect(new Error('x')).not.toBeInstanceOf(InputValidationError);
  });
});
