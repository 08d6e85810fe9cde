import type { JsonSchema, OpenApiVersion } from '@inferschema/core';

/** A script's schemas, hand-written in the shapes the reference documents (until the real types land). */
export interface SchemaCase {
  readonly input?: JsonSchema;
  readonly output?: JsonSchema;
  readonly versions: readonly OpenApiVersion[];
}

/** The Azure ML server's reference document (`test_swagger_generation`): numpy int64 in, float64 out. */
export const AZURE_REFERENCE: SchemaCase = {
  input: {
    type: 'object',
    properties: { data: { type: 'array', items: { type: 'integer', format: 'int64' }, format: 'numpy.ndarray' } },
    example: { data: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1] },
  },
  output: { type: 'array', items: { type: 'number', format: 'double' }, example: [3726.995], format: 'numpy.ndarray' },
  versions: ['2.0', '3.0', '3.1'],
};

/** The Power BI shape (inference-schema reference §8): `Inputs`, `GlobalParameters`, `Results`. */
export const POWER_BI: SchemaCase = {
  input: {
    type: 'object',
    properties: {
      Inputs: {
        type: 'object',
        required: ['input1', 'input2', 'input3'],
        properties: {
          input1: {
            type: 'array',
            items: { type: 'array', items: { type: 'number', format: 'double' } },
            format: 'numpy.ndarray',
          },
          input2: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'age'],
              properties: { name: { type: 'string' }, age: { type: 'integer', format: 'int64' } },
            },
            format: 'pandas.DataFrame:records',
          },
          input3: { type: 'number', format: 'double' },
        },
      },
      GlobalParameters: { type: 'number', format: 'double' },
    },
    example: {
      Inputs: {
        input1: [
          [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
          [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
        ],
        input2: [
          { name: 'Sarah', age: 25 },
          { name: 'John', age: 26 },
        ],
        input3: 0,
      },
      GlobalParameters: 1,
    },
  },
  output: {
    type: 'object',
    required: ['Results'],
    properties: { Results: { type: 'array', items: { type: 'number', format: 'double' } } },
    example: { Results: [1, 1] },
  },
  versions: ['2.0', '3.0', '3.1'],
};

/** Nullable values, a nullable array, an exact 64-bit example beyond 2^53 and a `null` alone. */
export const NULLABLE: SchemaCase = {
  input: {
    type: 'object',
    required: ['id', 'scores'],
    properties: {
      id: { type: 'integer', format: 'int64' },
      scores: { type: ['array', 'null'], items: { type: ['number', 'null'], format: 'double' } },
      note: { type: 'null' },
    },
    example: { id: 9007199254740993n, scores: [0.5, null], note: null },
  },
  output: { type: ['string', 'null'], enum: ['yes', 'no', null], example: 'yes' },
  versions: ['2.0', '3.0', '3.1'],
};

/** A list sample with numbers and strings: a union, which Swagger 2.0 cannot say. */
export const UNION: SchemaCase = {
  input: {
    type: 'object',
    properties: { row: { type: 'array', items: { anyOf: [{ type: 'integer', format: 'int64' }, { type: 'string' }] } } },
    example: { row: [1, 'a'] },
  },
  output: { type: 'boolean', example: true },
  versions: ['3.0', '3.1'],
};

/** A tuple with a constant tag: only OpenAPI 3.1 can say it. */
export const TUPLE: SchemaCase = {
  input: {
    type: 'object',
    properties: {
      pair: {
        type: 'array',
        prefixItems: [{ type: 'string', const: 'point' }, { type: 'number', format: 'double' }],
        minItems: 2,
        maxItems: 2,
      },
    },
    example: { pair: ['point', 1.5] },
  },
  versions: ['3.1'],
};

/** A script that declares neither input nor output (a plain `run(body)`). */
export const UNDECLARED: SchemaCase = { versions: ['2.0', '3.0', '3.1'] };

export const SCHEMA_CASES = { AZURE_REFERENCE, POWER_BI, NULLABLE, UNION, TUPLE, UNDECLARED } as const;
