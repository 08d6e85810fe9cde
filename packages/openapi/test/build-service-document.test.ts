import type { JsonSchema } from '@inferschema/core';
import { buildServiceDocument, UnsupportedVersionError } from '@inferschema/openapi';
import { AZURE_REFERENCE, NULLABLE, TUPLE, UNDECLARED, UNION } from './support/schemas.js';
import { componentSchemas } from './support/validate-document.js';

type Rendered = JsonSchema & Record<string, unknown>;
const component = (document: object, name: string) => componentSchemas(document)[name] as Rendered;

const ERROR_RESPONSE = { $ref: '#/definitions/ErrorResponse' };

describe('buildServiceDocument: the Azure ML template', () => {
  it('builds the Swagger 2.0 template with the reference schemas in definitions', () => {
    const document = buildServiceDocument(AZURE_REFERENCE, { version: '2.0' });
    expect(Object.keys(document)).toEqual([
      'swagger', 'info', 'schemes', 'consumes', 'produces', 'securityDefinitions', 'paths', 'definitions',
    ]);
    expect(document.swagger).toBe('2.0');
    expect(document.info).toEqual({
      title: 'ML service',
      description: 'API specification for the machine learning service ML service',
      version: '1.0',
    });
    expect(document.securityDefinitions).toEqual({
      Bearer: { type: 'apiKey', name: 'Authorization', in: 'header', description: 'For example: Bearer abc123' },
    });
    expect(Object.keys(document.paths)).toEqual(['/', '/score', '/swagger.json']);
    expect(document.paths['/']!.get!.operationId).toBe('ServiceHealthCheck');
    expect(document.paths['/']!.get!.responses).toEqual({
      200: {
        description: "If service is up and running, this response will be returned with the content 'Healthy'",
        schema: { type: 'string' },
        examples: { 'application/json': 'Healthy' },
      },
      default: { description: 'The service failed to execute due to an error.', schema: ERROR_RESPONSE },
    });
    const score = document.paths['/score']!.post!;
    expect(score.operationId).toBe('RunMLService');
    expect(score.security).toEqual([{ Bearer: [] }]);
    expect(score.parameters).toEqual([
      {
        name: 'serviceInputPayload',
        in: 'body',
        description: 'The input payload for executing the real-time machine learning service.',
        schema: { $ref: '#/definitions/ServiceInput' },
      },
    ]);
    expect(score.responses[200]).toEqual({
      description: 'The service processed the input correctly and provided a result prediction, if applicable.',
      schema: { $ref: '#/definitions/ServiceOutput' },
    });
    const swagger = document.paths['/swagger.json']!.get!;
    expect(swagger.operationId).toBe('GetSwaggerSpec');
    expect(swagger.security).toEqual([{ Bearer: [] }]);
    expect(document.paths['/']!.get!.security).toBeUndefined();
    expect(Object.keys(document)).not.toContain('security');
    expect(swagger.parameters).toEqual([
      expect.objectContaining({ name: 'version', in: 'query', required: false, type: 'string', enum: ['2', '2.0', '3', '3.0', '3.1'] }),
    ]);
    expect(document.definitions).toEqual({
      ServiceInput: {
        type: 'object',
        properties: { data: { type: 'array', format: 'numpy.ndarray', items: { type: 'integer', format: 'int64' } } },
        example: { data: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1] },
      },
      ServiceOutput: { type: 'array', format: 'numpy.ndarray', items: { type: 'number', format: 'double' }, example: [3726.995] },
      ErrorResponse: expect.objectContaining({ type: 'object', required: ['message'] }),
    });
  });

  it.each(['3.0', '3.1'] as const)('builds the OpenAPI %s template with the schemas in components', (version) => {
    const document = buildServiceDocument(AZURE_REFERENCE, { version });
    expect(document.openapi).toBe(version === '3.0' ? '3.0.3' : '3.1.0');
    expect(Object.keys(document)).toEqual(['openapi', 'info', 'paths', 'components']);
    expect(Object.keys(document.paths!)).toEqual(['/', '/score', '/swagger.json']);
    expect(document.paths!['/']!.get!.responses!['200']!.content).toEqual({
      'text/plain': { schema: { type: 'string', example: 'Healthy' } },
    });
    const score = document.paths!['/score']!.post!;
    expect(score.operationId).toBe('RunMLService');
    expect(score.security).toEqual([{ Bearer: [] }]);
    expect(score.requestBody).toEqual({
      description: 'The input payload for executing the real-time machine learning service.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ServiceInput' } } },
    });
    expect(document.paths!['/swagger.json']!.get!.operationId).toBe('GetSwaggerSpec');
    expect(document.paths!['/swagger.json']!.get!.security).toEqual([{ Bearer: [] }]);
    expect(document.paths!['/']!.get!.security).toBeUndefined();
    expect(Object.keys(document.components!.schemas!)).toEqual(['ServiceInput', 'ServiceOutput', 'ErrorResponse']);
    expect(document.components!.schemas!.ServiceOutput).toEqual({
      type: 'array',
      format: 'numpy.ndarray',
      items: { type: 'number', format: 'double' },
      example: [3726.995],
    });
    expect(document.components!.securitySchemes).toEqual({
      Bearer: { type: 'apiKey', name: 'Authorization', in: 'header', description: 'For example: Bearer abc123' },
    });
  });

  it('ErrorResponse lists the validation errors with their paths', () => {
    const document = buildServiceDocument(UNDECLARED, { version: '3.1' });
    expect(document.components!.schemas!.ErrorResponse).toEqual({
      type: 'object',
      required: ['message'],
      properties: {
        message: { description: 'What went wrong.', type: 'string' },
        errors: {
          description: 'For a request body that does not match ServiceInput: each problem (at most 20).',
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: {
              path: { description: 'JSON Pointer (RFC 6901) into the request body, e.g. /data/3/1.', type: 'string' },
              message: { description: 'What is wrong there, e.g. must be a number.', type: 'string' },
            },
          },
        },
      },
    });
  });

  it('takes the title, service version and path prefix from the options', () => {
    const document = buildServiceDocument(AZURE_REFERENCE, {
      version: '3.0',
      title: 'housing',
      serviceVersion: '2.1',
      pathPrefix: '/api/v1/',
    });
    expect(document.info).toEqual({
      title: 'housing',
      description: 'API specification for the machine learning service housing',
      version: '2.1',
    });
    expect(Object.keys(document.paths!)).toEqual(['/api/v1/', '/api/v1/score', '/api/v1/swagger.json']);
  });

  it.each([
    ['test', '/test/'],
    ['/test/', '/test/'],
    ['//a/b//', '/a/b/'],
    ['', '/'],
    ['/', '/'],
  ])('prefix %j gives the health path %j', (pathPrefix, health) => {
    const document = buildServiceDocument(UNDECLARED, { version: '2.0', pathPrefix });
    expect(Object.keys(document.paths)[0]).toBe(health);
  });

  it('describes undeclared input and output as any JSON value', () => {
    const document = buildServiceDocument(UNDECLARED, { version: '2.0' });
    expect(document.definitions!.ServiceInput).toEqual({ description: 'The script does not declare its input: any JSON value.' });
    expect(document.definitions!.ServiceOutput).toEqual({
      description: 'The script does not declare its output: any JSON value.',
    });
  });

  it('lists only the versions the script supports in the version parameter', () => {
    const document = buildServiceDocument(UNION, { version: '3.0' });
    expect(document.paths!['/swagger.json']!.get!.parameters).toEqual([
      expect.objectContaining({ schema: { type: 'string', enum: ['3', '3.0', '3.1'] } }),
    ]);
  });
});

describe('buildServiceDocument: one schema rendered per version', () => {
  it('OpenAPI 3.1 keeps the 2020-12 schema (type arrays, null)', () => {
    const schemas = buildServiceDocument(NULLABLE, { version: '3.1' }).components!.schemas!;
    expect(schemas.ServiceInput).toEqual({
      type: 'object',
      required: ['id', 'scores'],
      properties: {
        id: { type: 'integer', format: 'int64' },
        scores: { type: ['array', 'null'], items: { type: ['number', 'null'], format: 'double' } },
        note: { type: 'null' },
      },
      example: { id: 9007199254740993n, scores: [0.5, null], note: null },
    });
    expect(schemas.ServiceOutput).toEqual({ type: ['string', 'null'], enum: ['yes', 'no', null], example: 'yes' });
  });

  it('OpenAPI 3.0 writes a nullable type as nullable: true', () => {
    const document = buildServiceDocument(NULLABLE, { version: '3.0' });
    expect(component(document, 'ServiceInput').properties).toEqual({
      id: { type: 'integer', format: 'int64' },
      scores: { type: 'array', nullable: true, items: { type: 'number', nullable: true, format: 'double' } },
      note: { type: 'object', nullable: true, enum: [null] },
    });
    expect(component(document, 'ServiceOutput')).toEqual({ type: 'string', nullable: true, enum: ['yes', 'no', null], example: 'yes' });
  });

  it('Swagger 2.0 writes a nullable type as x-nullable: true', () => {
    const definitions = buildServiceDocument(NULLABLE, { version: '2.0' }).definitions!;
    expect(definitions.ServiceInput!.properties).toEqual({
      id: { type: 'integer', format: 'int64' },
      scores: { type: 'array', 'x-nullable': true, items: { type: 'number', 'x-nullable': true, format: 'double' } },
      note: { type: 'object', 'x-nullable': true, enum: [null] },
    });
  });

  it('OpenAPI 3.0 keeps anyOf; 3.1 keeps tuples and constants', () => {
    const union = component(buildServiceDocument(UNION, { version: '3.0' }), 'ServiceInput');
    expect(union.properties!.row).toEqual({
      type: 'array',
      items: { anyOf: [{ type: 'integer', format: 'int64' }, { type: 'string' }] },
    });
    const tuple = component(buildServiceDocument(TUPLE, { version: '3.1' }), 'ServiceInput');
    expect(tuple.properties!.pair).toEqual(TUPLE.input!.properties!.pair);
  });

  it('gives an array without items (an empty sample list) items: {} in 2.0 and 3.0, where items is required', () => {
    const empty: JsonSchema = { type: 'array', maxItems: 0, example: [] };
    for (const version of ['2.0', '3.0'] as const) {
      expect(component(buildServiceDocument({ output: empty }, { version }), 'ServiceOutput')).toEqual({
        type: 'array',
        items: {},
        maxItems: 0,
        example: [],
      });
    }
    expect(component(buildServiceDocument({ output: empty }, { version: '3.1' }), 'ServiceOutput')).toEqual(empty);
  });

  it('writes keywords in a fixed order whatever order the schema has them in', () => {
    const shuffled: JsonSchema = { example: [1], items: { format: 'int64', type: 'integer' }, type: 'array', title: 'ids' };
    const output = component(buildServiceDocument({ output: shuffled }, { version: '3.1' }), 'ServiceOutput');
    expect(Object.keys(output)).toEqual(['title', 'type', 'items', 'example']);
    expect(Object.keys(output.items!)).toEqual(['type', 'format']);
  });

  it('never changes the schemas it is given, and shares no object with them', () => {
    const before = structuredClone(NULLABLE);
    const document = buildServiceDocument(NULLABLE, { version: '3.0' });
    expect(NULLABLE).toEqual(before);
    const input = component(document, 'ServiceInput');
    expect(input.example).not.toBe(NULLABLE.input!.example);
    (input.example as { note: unknown }).note = 'changed';
    expect(NULLABLE.input!.example).toEqual(before.input!.example);
  });
});

describe('buildServiceDocument: versions the samples cannot be written in', () => {
  function refusal(run: () => unknown): UnsupportedVersionError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(UnsupportedVersionError);
      return error as UnsupportedVersionError;
    }
    throw new Error('expected an UnsupportedVersionError');
  }

  it('refuses Swagger 2.0 for a union, naming where it is and the versions that work', () => {
    const error = refusal(() => buildServiceDocument(UNION, { version: '2.0' }));
    expect(error.message).toBe(
      'Cannot generate the Swagger 2.0 document: /definitions/ServiceInput/properties/row/items is a union of schemas ' +
        '(anyOf), which Swagger 2.0 cannot express. Versions that work: OpenAPI 3.0, OpenAPI 3.1.',
    );
    expect(error.version).toBe('2.0');
    expect(error.supportedVersions).toEqual(['3.0', '3.1']);
    expect(error.problem).toEqual({ pointer: '/definitions/ServiceInput/properties/row/items', construct: 'a union of schemas (anyOf)' });
  });

  it.each([
    ['2.0', '/definitions/ServiceInput/properties/pair', 'a tuple with a schema per position (prefixItems)'],
    ['3.0', '/components/schemas/ServiceInput/properties/pair', 'a tuple with a schema per position (prefixItems)'],
  ] as const)('refuses %s for a tuple', (version, pointer, construct) => {
    const error = refusal(() => buildServiceDocument(TUPLE, { version }));
    expect(error.message).toContain(`${pointer} is ${construct}`);
    expect(error.message).toMatch(/Versions that work: OpenAPI 3\.1\.$/);
  });

  it('refuses OpenAPI 3.0 for a constant and for a union of types', () => {
    expect(refusal(() => buildServiceDocument({ output: { const: 'ok' } }, { version: '3.0' })).message).toBe(
      'Cannot generate the OpenAPI 3.0 document: /components/schemas/ServiceOutput is a constant (const), which ' +
        'OpenAPI 3.0 cannot express. Versions that work: OpenAPI 3.1.',
    );
    const union = refusal(() => buildServiceDocument({ output: { type: ['string', 'number', 'null'] } }, { version: '2.0' }));
    expect(union.problem).toEqual({
      pointer: '/definitions/ServiceOutput',
      construct: 'a union of the types string, number (a type array)',
    });
  });

  it('refuses a version the script says it does not support, even when the schemas could be written', () => {
    const error = refusal(() =>
      buildServiceDocument({ ...AZURE_REFERENCE, supportedVersions: ['3.0', '3.1'] }, { version: '2.0' }),
    );
    expect(error.message).toBe(
      "Cannot generate the Swagger 2.0 document: the script's schemas do not fit Swagger 2.0. Versions that work: OpenAPI 3.0, OpenAPI 3.1.",
    );
    expect(error.problem).toBeUndefined();
  });
});
