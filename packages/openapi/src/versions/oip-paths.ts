import type { LoadedScript } from '@inferschema/core/runtime';
import { OIP_ROUTES, type RouteDeclaration } from '@inferschema/core/protocols';
import { modelNameOf, NoTensorForm, OipSignature, type TensorMetadata } from '@inferschema/core/protocols/oip';
import { bearer, RESPONSE_TEXTS } from './service-template.js';

/** A model as the Open Inference Protocol routes describe it: its name and tensors. */
export interface OipModelDescription {
  readonly name: string;
  readonly inputs: readonly TensorMetadata[];
  readonly outputs: readonly TensorMetadata[];
}

/**
 * The Open Inference Protocol description of a script (named after its file, as the server names it, unless
 * `name` is given), or undefined when its parameter types have no tensor form.
 *
 * @example
 * buildServiceDocument({ input, output, oip: describeOipModel(script) }, { version: '3.1' });
 */
export function describeOipModel(script: LoadedScript, name = modelNameOf(script.path)): OipModelDescription | undefined {
  try {
    const { inputs, outputs } = OipSignature.of(script);
    return { name, inputs, outputs };
  } catch (error) {
    if (error instanceof NoTensorForm) return undefined;
    throw error;
  }
}

type Schema = Record<string, unknown>;

/** The schemas the OIP paths refer to (component names). */
export type OipSchemaName = 'OipServerMetadata' | 'OipModelMetadata' | 'OipModelReady' | 'OipInferenceRequest' | 'OipInferenceResponse' | 'OipError';

const PARAMETERS: Schema = { type: 'object', description: 'Name/value pairs; values are strings, numbers or booleans.' };

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** One tensor of the model: its name and datatype fixed, its shape of the right rank, its data. */
function tensorSchema(tensor: TensorMetadata, request: boolean): Schema {
  const data = {
    type: 'array',
    items: {},
    description: `The ${tensor.datatype} elements, row-major, flat or nested by the shape.${request ? ' Leave out with parameters.binary_data_size (binary tensor data).' : ''}`,
  };
  return {
    type: 'object',
    required: ['name', 'shape', 'datatype'],
    description: `Tensor ${tensor.name}: ${tensor.datatype}, shape ${shapeText(tensor.shape)} (-1: any size).`,
    properties: {
      name: { type: 'string', enum: [tensor.name] },
      datatype: { type: 'string', enum: [tensor.datatype] },
      shape: { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: tensor.shape.length, maxItems: tensor.shape.length },
      parameters: PARAMETERS,
      data,
    },
  };
}

/** A tensor of any name (Swagger 2.0 has no `anyOf` to list the model's). */
function anyTensor(tensors: readonly TensorMetadata[]): Schema {
  return {
    type: 'object',
    required: ['name', 'shape', 'datatype'],
    description: `One of: ${tensors.map((tensor) => `${tensor.name} (${tensor.datatype}, ${shapeText(tensor.shape)})`).join('; ') || 'none declared'}.`,
    properties: {
      name: { type: 'string', ...(tensors.length > 0 ? { enum: tensors.map((tensor) => tensor.name) } : {}) },
      datatype: { type: 'string' },
      shape: { type: 'array', items: { type: 'integer', minimum: 0 } },
      parameters: PARAMETERS,
      data: { type: 'array', items: {}, description: 'The elements, row-major, flat or nested by the shape.' },
    },
  };
}

function tensorList(tensors: readonly TensorMetadata[], request: boolean, anyOf: boolean): Schema {
  if (!anyOf || tensors.length === 0) return anyTensor(tensors);
  if (tensors.length === 1) return tensorSchema(tensors[0]!, request);
  return { anyOf: tensors.map((tensor) => tensorSchema(tensor, request)) };
}

const metadataTensor: Schema = {
  type: 'object',
  required: ['name', 'datatype', 'shape'],
  properties: { name: { type: 'string' }, datatype: { type: 'string' }, shape: { type: 'array', items: { type: 'integer' } } },
};

/**
 * The component schemas of the OIP routes for one model (plain JSON Schema that Swagger 2.0, OpenAPI 3.0 and
 * 3.1 all read; `anyOf` of the model's tensors only where the version has it).
 */
export function oipSchemas(model: OipModelDescription, anyOf: boolean): Record<OipSchemaName, Schema> {
  const metadata = { name: model.name, platform: 'inferschema', inputs: model.inputs, outputs: model.outputs };
  return {
    OipServerMetadata: {
      type: 'object',
      required: ['name', 'version', 'extensions'],
      properties: { name: { type: 'string' }, version: { type: 'string' }, extensions: { type: 'array', items: { type: 'string' } } },
      example: { name: 'inferschema', version: '0.1.0', extensions: ['binary_tensor_data'] },
    },
    OipModelMetadata: {
      type: 'object',
      required: ['name', 'platform', 'inputs', 'outputs'],
      properties: {
        name: { type: 'string' },
        versions: { type: 'array', items: { type: 'string' } },
        platform: { type: 'string' },
        inputs: { type: 'array', items: metadataTensor },
        outputs: { type: 'array', items: metadataTensor },
      },
      example: JSON.parse(JSON.stringify(metadata)) as Schema,
    },
    OipModelReady: {
      type: 'object',
      required: ['name', 'ready'],
      properties: { name: { type: 'string' }, ready: { type: 'boolean' } },
      example: { name: model.name, ready: true },
    },
    OipInferenceRequest: {
      type: 'object',
      required: ['inputs'],
      properties: {
        id: { type: 'string' },
        parameters: { ...PARAMETERS, description: 'binary_data_output: true returns every output as binary tensor data.' },
        inputs: { type: 'array', items: tensorList(model.inputs, true, anyOf), minItems: model.inputs.length, maxItems: model.inputs.length },
        outputs: {
          type: 'array',
          description: 'The outputs wanted, in order (default: all). parameters.binary_data: true returns one as binary tensor data.',
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string', ...(model.outputs.length > 0 ? { enum: model.outputs.map((output) => output.name) } : {}) }, parameters: PARAMETERS },
          },
        },
      },
    },
    OipInferenceResponse: {
      type: 'object',
      required: ['model_name', 'outputs'],
      properties: {
        model_name: { type: 'string', enum: [model.name] },
        model_version: { type: 'string' },
        id: { type: 'string' },
        parameters: PARAMETERS,
        outputs: { type: 'array', items: tensorList(model.outputs, false, anyOf) },
      },
    },
    OipError: { type: 'object', required: ['error'], properties: { error: { type: 'string', description: 'What went wrong, naming the tensor.' } } },
  };
}

/** What each documented OIP route answers with (component names), by route id. */
const BODIES: Readonly<Record<string, { readonly request?: OipSchemaName; readonly response: OipSchemaName }>> = {
  'oip.server-metadata': { response: 'OipServerMetadata' },
  'oip.model-metadata': { response: 'OipModelMetadata' },
  'oip.model-ready': { response: 'OipModelReady' },
  'oip.model-infer': { request: 'OipInferenceRequest', response: 'OipInferenceResponse' },
};

/** The fields of an OIP operation that every OpenAPI version writes alike, in document order. */
export interface OipOperationHeader {
  readonly operationId: string;
  readonly tags: string[];
  readonly description: string | undefined;
  readonly security?: Array<Record<string, string[]>>;
}

/** A documented OIP route of the table, its path written for the model (`/v2/models/{name}` → `/v2/models/score`). */
export interface OipDocumentedRoute {
  readonly path: string;
  readonly method: 'get' | 'post';
  readonly request: OipSchemaName | undefined;
  readonly response: OipSchemaName;
  /** Its operation's id, tag, description and security (a fresh object per call). */
  readonly header: OipOperationHeader;
  /** The descriptions of its 200 and its error answer. */
  readonly descriptions: { readonly ok: string; readonly failed: string };
}

/**
 * The OIP routes a document describes, read from the route table: those without `/versions/` (models have no
 * versions), each path written with the model's name.
 */
export function oipDocumentedRoutes(model: OipModelDescription, pathPrefix: string): OipDocumentedRoute[] {
  return (OIP_ROUTES as readonly RouteDeclaration[]).flatMap((declaration) => {
    const bodies = BODIES[declaration.id];
    if (!declaration.documented || !bodies) return [];
    return [{
      path: `${pathPrefix}${declaration.path.replace(':name', model.name)}`,
      method: declaration.method.toLowerCase() as 'get' | 'post',
      request: bodies.request,
      response: bodies.response,
      header: {
        operationId: declaration.operationId!,
        tags: ['Open Inference Protocol'],
        description: declaration.responses[200],
        ...(declaration.auth === 'api-key' ? { security: bearer() } : {}),
      },
      descriptions: { ok: declaration.responses[200]!, failed: declaration.responses.default ?? RESPONSE_TEXTS.failed },
    }];
  });
}
