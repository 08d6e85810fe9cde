// The response schemas of the Open Inference Protocol's REST API, written out for our tests from
// kserve/open-inference-protocol, specification/protocol/open_inference_rest.yaml (components.schemas:
// metadata_server_response, metadata_model_response, metadata_tensor, inference_response, response_output,
// tensor_data, parameters, and the error responses). Only the validation keywords are kept.
import { createStrictAjv } from '../../../core/src/validation/ajv.js';

const ERROR = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] };

const SCHEMAS = {
  parameters: { $id: 'parameters', type: 'object' },
  tensor_data: {
    $id: 'tensor_data',
    type: 'array',
    items: { anyOf: [{ $ref: 'tensor_data' }, { type: 'number' }, { type: 'string' }, { type: 'boolean' }] },
  },
  metadata_tensor: {
    $id: 'metadata_tensor',
    type: 'object',
    properties: { name: { type: 'string' }, datatype: { type: 'string' }, shape: { type: 'array', items: { type: 'integer' } } },
    required: ['name', 'datatype', 'shape'],
  },
  metadata_server_response: {
    $id: 'metadata_server_response',
    type: 'object',
    properties: { name: { type: 'string' }, version: { type: 'string' }, extensions: { type: 'array', items: { type: 'string' } } },
    required: ['name', 'version', 'extensions'],
  },
  metadata_model_response: {
    $id: 'metadata_model_response',
    type: 'object',
    properties: {
      name: { type: 'string' },
      versions: { type: 'array', items: { type: 'string' } },
      platform: { type: 'string' },
      inputs: { type: 'array', items: { $ref: 'metadata_tensor' } },
      outputs: { type: 'array', items: { $ref: 'metadata_tensor' } },
      properties: { type: 'object', additionalProperties: { type: 'string' } },
    },
    required: ['name', 'platform'],
  },
  response_output: {
    $id: 'response_output',
    type: 'object',
    properties: {
      name: { type: 'string' },
      shape: { type: 'array', items: { type: 'integer' } },
      datatype: { type: 'string' },
      parameters: { $ref: 'parameters' },
      data: { $ref: 'tensor_data' },
    },
    required: ['name', 'shape', 'datatype', 'data'],
  },
  inference_response: {
    $id: 'inference_response',
    type: 'object',
    properties: {
      model_name: { type: 'string' },
      model_version: { type: 'string' },
      id: { type: 'string' },
      parameters: { $ref: 'parameters' },
      outputs: { type: 'array', items: { $ref: 'response_output' } },
    },
    required: ['model_name', 'outputs'],
  },
  metadata_server_error_response: { $id: 'metadata_server_error_response', ...ERROR },
  metadata_model_error_response: { $id: 'metadata_model_error_response', ...ERROR },
  inference_error_response: { $id: 'inference_error_response', ...ERROR },
} as const;

/** The name of a response schema of open_inference_rest.yaml. */
export type OipSchemaName = keyof typeof SCHEMAS;

const ajv = createStrictAjv({ allErrors: true });
for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);

/** The problems of `body` against a schema of the specification (empty when it is valid). */
export function specProblems(name: OipSchemaName, body: unknown): string[] {
  const validate = ajv.getSchema(name)!;
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
