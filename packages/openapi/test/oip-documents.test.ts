import ndarray from 'ndarray';
import { tableFromArrays } from 'apache-arrow';
import { NdArrayParameterType, type OpenApiVersion } from '@inferschema/core';
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { ALL_OPENAPI_VERSIONS } from '@inferschema/core/schema';
import { OipSignature } from '@inferschema/core/protocols/oip';
import { buildServiceDocument, type OipModelDescription } from '@inferschema/openapi';
import { expectGolden } from './support/golden.js';
import { expectValidDocument } from './support/validate-document.js';

const features = new NdArrayParameterType(ndarray(new Float32Array(8), [2, 4]));
const frame = new DataFrameParameterType(tableFromArrays({ label: ['a'], score: Float64Array.of(0.5) }));
const signature = OipSignature.of({ kind: 'schema', parameters: [{ name: 'features', type: features, optional: false }], outputType: frame });
const model: OipModelDescription = { name: 'iris', inputs: signature.inputs, outputs: signature.outputs };
const schemas = { input: { type: 'object', properties: { features: features.toJsonSchema() } }, output: frame.toJsonSchema(), oip: model } as const;

describe('service documents with the Open Inference Protocol routes of a model', () => {
  it.each(ALL_OPENAPI_VERSIONS)('%s: passes both validators and strict ajv, with and without a path prefix', async (version) => {
    await expectValidDocument(buildServiceDocument(schemas, { version }), version);
    await expectValidDocument(buildServiceDocument(schemas, { version, pathPrefix: '/api' }), version);
  });

  it.each(ALL_OPENAPI_VERSIONS)('%s: describes the routes of the route table, with the model name and its tensors', (version: OpenApiVersion) => {
    const document = buildServiceDocument(schemas, { version }) as unknown as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => `${method} ${path} ${operation.operationId}`))).toEqual([
      'get / ServiceHealthCheck',
      'post /score RunMLService',
      'get /swagger.json GetSwaggerSpec',
      'get /v2 ServerMetadata',
      'get /v2/models/iris ModelMetadata',
      'get /v2/models/iris/ready ModelReady',
      'post /v2/models/iris/infer ModelInfer',
    ]);
    expectGolden(`oip.${version}.json`, buildServiceDocument(schemas, { version }));
  });

  it('names each input tensor, its datatype and rank (3.x lists them with anyOf; 2.0 in a description)', () => {
    const document = buildServiceDocument(schemas, { version: '3.1' });
    const request = document.components!.schemas!.OipInferenceRequest as { properties: { inputs: { items: unknown } } };
    expect(request.properties.inputs.items).toMatchObject({
      properties: { name: { enum: ['features'] }, datatype: { enum: ['FP32'] }, shape: { minItems: 2, maxItems: 2 } },
    });
    const metadata = document.components!.schemas!.OipModelMetadata as { example: unknown };
    expect(metadata.example).toEqual({
      name: 'iris',
      platform: 'inferschema',
      inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 4] }],
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [-1, 1] },
        { name: 'score', datatype: 'FP64', shape: [-1, 1] },
      ],
    });
  });

  it('leaves them out without a model description', () => {
    const document = buildServiceDocument({ ...schemas, oip: undefined }, { version: '3.0' });
    expect(Object.keys(document.paths)).toEqual(['/', '/score', '/swagger.json']);
  });
});
