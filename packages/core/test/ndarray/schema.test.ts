import ndarray from 'ndarray';
import { createStrictAjv } from '../../src/validation/ajv.js';
import { NdArrayParameterType, type JsonSchema, type NdArraySample } from '@inferschema/core';
import { validationSchemaOf } from '../../src/validation/validation-schema.js';

function compileStrict(schema: JsonSchema): void {
  createStrictAjv().compile(validationSchemaOf(schema));
}

describe('NdArrayParameterType schema', () => {
  const dtypes: [string, NdArraySample, JsonSchema, unknown[]][] = [
    ['Int8Array', new Int8Array([-128, 127]), { type: 'integer', format: 'int8' }, [-128, 127]],
    ['Int16Array', new Int16Array([1, 2]), { type: 'integer', format: 'int16' }, [1, 2]],
    ['Int32Array', new Int32Array([1, 2]), { type: 'integer', format: 'int32' }, [1, 2]],
    ['BigInt64Array', new BigInt64Array([1n, -(2n ** 63n)]), { type: 'integer', format: 'int64' }, [1, -(2n ** 63n)]],
    ['Uint8Array', new Uint8Array([0, 255]), { type: 'integer', format: 'uint8' }, [0, 255]],
    ['Uint8ClampedArray', new Uint8ClampedArray([0, 255]), { type: 'integer', format: 'uint8' }, [0, 255]],
    ['Buffer', Buffer.from([0, 255]), { type: 'integer', format: 'uint8' }, [0, 255]],
    ['Uint16Array', new Uint16Array([1, 2]), { type: 'integer', format: 'uint16' }, [1, 2]],
    ['Uint32Array', new Uint32Array([1, 2]), { type: 'integer', format: 'uint32' }, [1, 2]],
    ['BigUint64Array', new BigUint64Array([1n, 2n ** 64n - 1n]), { type: 'integer', format: 'uint64' }, [1, 2n ** 64n - 1n]],
    ['Float32Array', new Float32Array([0.5, 2]), { type: 'number', format: 'float' }, [0.5, 2]],
    ['Float64Array', new Float64Array([0.5, 2]), { type: 'number', format: 'double' }, [0.5, 2]],
    ['number[]', [1, 2.5], { type: 'number', format: 'double' }, [1, 2.5]],
    ['bigint[]', [1n, 2n], { type: 'integer', format: 'int64' }, [1, 2]],
    ['bigint[] above int64', [1n, 2n ** 63n], { type: 'integer', format: 'uint64' }, [1, 2n ** 63n]],
    ['boolean[]', [true, false], { type: 'boolean' }, [true, false]],
    ['string[]', ['a', 'b'], { type: 'string' }, ['a', 'b']],
    ['Date[]', [new Date(Date.UTC(2024, 0, 31, 12))], { type: 'string', format: 'date-time' }, ['2024-01-31T12:00:00.000Z']],
  ];

  it.each(dtypes)('describes a %s sample by its dtype, with the sample as example', (_, sample, items, example) => {
    const type = new NdArrayParameterType(ndarray(sample as never));
    expect(type.toJsonSchema()).toEqual({ type: 'array', items, example, format: 'numpy.ndarray' });
    compileStrict(type.toJsonSchema());
  });

  it('keeps the reference key order: type, items, example, format', () => {
    expect(Object.keys(new NdArrayParameterType(new Float64Array([1])).toJsonSchema())).toEqual(['type', 'items', 'example', 'format']);
  });

  it('nests one array per dimension; every dimension after the batch has the sample size', () => {
    const type = new NdArrayParameterType(ndarray(new Int32Array(24).map((_, i) => i), [2, 3, 4]));
    expect(type.toJsonSchema()).toEqual({
      type: 'array',
      items: {
        type: 'array',
        items: { type: 'array', items: { type: 'integer', format: 'int32' }, minItems: 4, maxItems: 4 },
        minItems: 3,
        maxItems: 3,
      },
      example: [
        [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]],
        [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]],
      ],
      format: 'numpy.ndarray',
    });
    expect(type.shape).toEqual([2, 3, 4]);
    compileStrict(type.toJsonSchema());
  });

  it('leaves sizes out without enforceShape', () => {
    const type = new NdArrayParameterType(ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]), { enforceShape: false });
    expect(type.toJsonSchema()).toEqual({
      type: 'array',
      items: { type: 'array', items: { type: 'number', format: 'double' } },
      example: [[1, 2], [3, 4]],
      format: 'numpy.ndarray',
    });
  });

  it('describes any item without enforceDtype, which every OpenAPI version can show', () => {
    const type = new NdArrayParameterType(ndarray(new Int8Array([1, 2, 3, 4]), [2, 2]), { enforceDtype: false });
    expect(type.toJsonSchema()).toEqual({
      type: 'array',
      items: {
        type: 'array',
        items: { description: 'a number, boolean or string; the dtype is inferred from the values' },
        minItems: 2,
        maxItems: 2,
      },
      example: [[1, 2], [3, 4]],
      format: 'numpy.ndarray',
    });
    expect(type.supportedVersions()).toEqual(['2.0', '3.0', '3.1']);
    compileStrict(type.toJsonSchema());
  });

  it('takes the dtype from the dtype option where the data cannot tell it', () => {
    const flags = new NdArrayParameterType(new Uint8Array([1, 0]), { dtype: 'bool' });
    expect(flags.toJsonSchema()).toEqual({ type: 'array', items: { type: 'boolean' }, example: [true, false], format: 'numpy.ndarray' });
    const dates = new NdArrayParameterType(['2024-01-31T12:00:00Z'], { dtype: 'datetime64' });
    expect(dates.toJsonSchema().items).toEqual({ type: 'string', format: 'date-time' });
    const wide = new NdArrayParameterType([1, 2], { dtype: 'int64' });
    expect(wide.toJsonSchema()).toMatchObject({ items: { type: 'integer', format: 'int64' }, example: [1, 2] });
    const empty = new NdArrayParameterType([], { dtype: 'string' });
    expect(empty.toJsonSchema()).toEqual({ type: 'array', items: { type: 'string' }, example: [], format: 'numpy.ndarray' });
  });

  it('shapes a flat sample with the shape option', () => {
    const type = new NdArrayParameterType(new Float64Array([10, 9, 8, 7]), { shape: [1, 4] });
    expect(type.toJsonSchema()).toMatchObject({ items: { minItems: 4, maxItems: 4 }, example: [[10, 9, 8, 7]] });
  });

  it('renders the example of a view as it looks, not as its buffer is laid out', () => {
    const type = new NdArrayParameterType(ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]).transpose(1, 0));
    expect(type.toJsonSchema()).toMatchObject({ example: [[1, 4], [2, 5], [3, 6]], items: { minItems: 2, maxItems: 2 } });
  });

  it('writes float32 examples as the shortest decimals that read back the same', () => {
    const type = new NdArrayParameterType(new Float32Array([5.1, 0.1, 3.4028234663852886e38, 1 / 3]));
    expect(type.toJsonSchema().example).toEqual([5.1, 0.1, 3.4028235e38, 0.33333334]);
    expect(Array.from(type.decode(type.toJsonSchema().example).data)).toEqual(Array.from(new Float32Array([5.1, 0.1, 3.4028234663852886e38, 1 / 3])));
  });

  it('reads a sample over generic data (get/set) by its values', () => {
    const values = [true, false];
    const generic = { length: 2, get: (i: number) => values[i]!, set: (i: number, v: boolean) => void (values[i] = v) };
    const type = new NdArrayParameterType(ndarray(generic));
    expect(type.dtype).toBe('bool');
    expect(type.toJsonSchema()).toEqual({ type: 'array', items: { type: 'boolean' }, example: [true, false], format: 'numpy.ndarray' });
  });

  it('describes an inner dimension of size 0', () => {
    const type = new NdArrayParameterType(ndarray(new Float64Array(0), [2, 0]));
    expect(type.toJsonSchema()).toMatchObject({ items: { minItems: 0, maxItems: 0 }, example: [[], []] });
    expect(type.decode([[]]).shape).toEqual([1, 0]);
  });

  it('keeps unsafe 64-bit examples exact, as bigint', () => {
    const type = new NdArrayParameterType(new BigInt64Array([2n ** 62n]));
    expect(type.toJsonSchema().example).toEqual([2n ** 62n]);
  });

  it('supports every OpenAPI version and returns a fresh schema each call', () => {
    const type = new NdArrayParameterType(ndarray(new Float32Array([1, 2]), [1, 2]));
    expect(type.supportedVersions()).toEqual(['2.0', '3.0', '3.1']);
    const schema = type.toJsonSchema();
    (schema.example as number[][])[0]![0] = 99;
    expect(type.toJsonSchema().example).toEqual([[1, 2]]);
  });

  it('compiles under strict ajv for every dtype and rule', () => {
    for (const [, sample] of dtypes) {
      for (const enforceDtype of [true, false]) {
        for (const enforceShape of [true, false]) {
          const data = sample as ArrayLike<unknown>;
          compileStrict(new NdArrayParameterType(ndarray(data as never, [1, data.length]), { enforceDtype, enforceShape }).toJsonSchema());
        }
      }
    }
  });

  it('validates float64 items by type alone: double is no check, and a format call per item is slow', () => {
    const type = new NdArrayParameterType(ndarray(new Float64Array(2), [1, 2]));
    expect(validationSchemaOf(type.toJsonSchema())).toEqual({
      type: 'array',
      items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
    });
  });

  describe('nested plain arrays, as np.array takes them', () => {
    it.each([
      ['2-d', [[1, 2, 3], [4, 5, 6]], [2, 3]],
      ['3-d', [[[1], [2]], [[3], [4]]], [2, 2, 1]],
      ['4-d', [[[[1, 2]]]], [1, 1, 1, 2]],
    ])('%s: the shape comes from the nesting, the dtype is float64', (_, sample, shape) => {
      const type = new NdArrayParameterType(sample);
      expect(type.shape).toEqual(shape);
      expect(type.dtype).toBe('float64');
      const schema = type.toJsonSchema();
      expect(schema.example).toEqual(sample);
      expect(type.decode(sample).shape).toEqual(shape);
      expect(type.decode(sample).data).toBeInstanceOf(Float64Array);
      expect(type.encode(type.decode(sample))).toEqual(sample);
    });

    it('gives the same schema as the flat typed array with { shape }', () => {
      expect(new NdArrayParameterType([[1, 2, 3], [4, 5, 6]]).toJsonSchema()).toEqual(
        new NdArrayParameterType(new Float64Array([1, 2, 3, 4, 5, 6]), { shape: [2, 3] }).toJsonSchema(),
      );
    });

    it('takes { dtype }, and checks the sample against it', () => {
      const type = new NdArrayParameterType([[1, 2], [3, 4]], { dtype: 'int32' });
      expect(type.dtype).toBe('int32');
      expect(type.decode([[5, 6]]).data).toEqual(new Int32Array([5, 6]));
      expect(() => new NdArrayParameterType([[1.5, 2]], { dtype: 'int32' })).toThrow(
        new TypeError('NdArrayParameterType: the sample does not fit dtype int32: Invalid input at /0/0: must be an integer'),
      );
    });

    it('infers the other dtypes from the values, as for flat arrays', () => {
      expect(new NdArrayParameterType([[1n, 2n]]).dtype).toBe('int64');
      expect(new NdArrayParameterType([[true], [false]]).dtype).toBe('bool');
      expect(new NdArrayParameterType([['a', 'b']]).dtype).toBe('string');
    });

    it('refuses { shape }: nested arrays have their own', () => {
      expect(() => new NdArrayParameterType([[1, 2]], { shape: [2] })).toThrow(
        new TypeError('NdArrayParameterType: the shape option is for flat samples; nested arrays have their own ([1, 2])'),
      );
    });

    it('never changes the sample', () => {
      const sample = [[1, 2], [3, 4]];
      new NdArrayParameterType(sample).decode([[9, 9]]);
      expect(sample).toEqual([[1, 2], [3, 4]]);
    });
  });

  describe('rejects a sample it cannot describe', () => {
    it.each([
      ['a number', 5, 'NdArrayParameterType: the sample must be a typed array (with { shape } for more than one dimension, e.g. new Float64Array([1, 2, 3, 4]), { shape: [2, 2] }), nested arrays as for np.array ([[1, 2], [3, 4]]), or an ndarray; got a number'],
      ['an object', { a: 1 }, 'NdArrayParameterType: the sample must be a typed array (with { shape } for more than one dimension, e.g. new Float64Array([1, 2, 3, 4]), { shape: [2, 2] }), nested arrays as for np.array ([[1, 2], [3, 4]]), or an ndarray; got an object'],
      ['a Map', new Map(), 'NdArrayParameterType: the sample must be a typed array (with { shape } for more than one dimension, e.g. new Float64Array([1, 2, 3, 4]), { shape: [2, 2] }), nested arrays as for np.array ([[1, 2], [3, 4]]), or an ndarray; got a Map'],
      ['a 0-d ndarray', ndarray(new Float64Array([1]), []), 'NdArrayParameterType: the sample needs at least one dimension'],
      ['an empty plain array', [], 'NdArrayParameterType: an empty sample cannot tell its dtype; pass { dtype }'],
      [
        'mixed values',
        [1, 'a'],
        'NdArrayParameterType: element 1 of the sample must be a number like the values before it: an ndarray holds values of one type; pass { dtype } or fix the sample',
      ],
      [
        'ragged nested arrays',
        [[1, 2], [3]],
        'NdArrayParameterType: the sample is ragged: [1] has 1 item where [0] has 2; nested arrays must be rectangular, as np.array needs them',
      ],
      [
        'a value beside arrays',
        [[1, 2], 3],
        'NdArrayParameterType: the sample is ragged: [1] is a value where an array was expected (2 dimensions, read from the first items)',
      ],
      [
        'an array beside values',
        [1, [2]],
        'NdArrayParameterType: the sample is ragged: [1] is an array where a value was expected (1 dimension, read from the first items)',
      ],
      [
        'ragged at depth 3',
        [[[1], [2]], [[3], [4, 5]]],
        'NdArrayParameterType: the sample is ragged: [1][1] has 2 items where [0][0] has 1; nested arrays must be rectangular, as np.array needs them',
      ],
      [
        'an object element',
        [{}],
        'NdArrayParameterType: element 0 of the sample must be a number, a boolean or a string; pass { dtype } or fix the sample',
      ],
    ])('%s', (_, sample, message) => {
      expect(() => new NdArrayParameterType(sample as never)).toThrow(new TypeError(message));
    });

    it('a sample that does not fit its declared dtype', () => {
      expect(() => new NdArrayParameterType(new Uint8Array([2]), { dtype: 'bool' })).toThrow(
        new TypeError('NdArrayParameterType: the sample does not fit dtype bool: Invalid input at /0: must be a boolean'),
      );
      expect(() => new NdArrayParameterType([300], { dtype: 'int8' })).toThrow(
        new TypeError('NdArrayParameterType: the sample does not fit dtype int8: Invalid input at /0: must be int8 (an integer from -128 to 127)'),
      );
    });

    it('an unknown dtype, or a shape that does not fit', () => {
      expect(() => new NdArrayParameterType([1], { dtype: 'complex128' as never })).toThrow(
        new TypeError("NdArrayParameterType: unknown dtype 'complex128'"),
      );
      expect(() => new NdArrayParameterType(new Float64Array(6), { shape: [4, 2] })).toThrow(
        new TypeError('NdArrayParameterType: the shape [4, 2] does not fit 6 values'),
      );
      expect(() => new NdArrayParameterType(ndarray(new Float64Array(6), [2, 3]), { shape: [3, 2] })).toThrow(
        new TypeError('NdArrayParameterType: the shape option is for flat samples; an ndarray has its own'),
      );
    });
  });
});
