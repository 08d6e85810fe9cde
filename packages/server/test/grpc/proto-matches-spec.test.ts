import { createRequire } from 'node:module';
import protobuf from 'protobufjs';

// Our .proto against the Open Inference Protocol's own (kserve/open-inference-protocol,
// specification/protocol/open_inference_grpc.proto): the tables below are the specification's package, service,
// messages, field names, numbers and types, written from that file. A client generated from either file must
// work with our server, so every name, number, type, label and oneof must be the same, and nothing extra.

const PROTO = createRequire(import.meta.url).resolve('@inferschema/server/open_inference_grpc.proto');

/** service GRPCInferenceService: rpc name -> [request, response] (all unary). */
const SPEC_RPCS: Record<string, [string, string]> = {
  ServerLive: ['ServerLiveRequest', 'ServerLiveResponse'],
  ServerReady: ['ServerReadyRequest', 'ServerReadyResponse'],
  ModelReady: ['ModelReadyRequest', 'ModelReadyResponse'],
  ServerMetadata: ['ServerMetadataRequest', 'ServerMetadataResponse'],
  ModelMetadata: ['ModelMetadataRequest', 'ModelMetadataResponse'],
  ModelInfer: ['ModelInferRequest', 'ModelInferResponse'],
};

/** message (nested ones as Outer.Inner) -> field name -> `<number> <type>`; oneof members end with `oneof <name>`. */
const SPEC_MESSAGES: Record<string, Record<string, string>> = {
  ServerLiveRequest: {},
  ServerLiveResponse: { live: '1 bool' },
  ServerReadyRequest: {},
  ServerReadyResponse: { ready: '1 bool' },
  ModelReadyRequest: { name: '1 string', version: '2 string' },
  ModelReadyResponse: { ready: '1 bool' },
  ServerMetadataRequest: {},
  ServerMetadataResponse: { name: '1 string', version: '2 string', extensions: '3 repeated string' },
  ModelMetadataRequest: { name: '1 string', version: '2 string' },
  ModelMetadataResponse: {
    name: '1 string',
    versions: '2 repeated string',
    platform: '3 string',
    inputs: '4 repeated ModelMetadataResponse.TensorMetadata',
    outputs: '5 repeated ModelMetadataResponse.TensorMetadata',
    properties: '6 map<string, string>',
  },
  'ModelMetadataResponse.TensorMetadata': { name: '1 string', datatype: '2 string', shape: '3 repeated int64' },
  ModelInferRequest: {
    model_name: '1 string',
    model_version: '2 string',
    id: '3 string',
    parameters: '4 map<string, InferParameter>',
    inputs: '5 repeated ModelInferRequest.InferInputTensor',
    outputs: '6 repeated ModelInferRequest.InferRequestedOutputTensor',
    raw_input_contents: '7 repeated bytes',
  },
  'ModelInferRequest.InferInputTensor': {
    name: '1 string',
    datatype: '2 string',
    shape: '3 repeated int64',
    parameters: '4 map<string, InferParameter>',
    contents: '5 InferTensorContents',
  },
  'ModelInferRequest.InferRequestedOutputTensor': { name: '1 string', parameters: '2 map<string, InferParameter>' },
  ModelInferResponse: {
    model_name: '1 string',
    model_version: '2 string',
    id: '3 string',
    parameters: '4 map<string, InferParameter>',
    outputs: '5 repeated ModelInferResponse.InferOutputTensor',
    raw_output_contents: '6 repeated bytes',
  },
  'ModelInferResponse.InferOutputTensor': {
    name: '1 string',
    datatype: '2 string',
    shape: '3 repeated int64',
    parameters: '4 map<string, InferParameter>',
    contents: '5 InferTensorContents',
  },
  InferParameter: {
    bool_param: '1 bool oneof parameter_choice',
    int64_param: '2 int64 oneof parameter_choice',
    string_param: '3 string oneof parameter_choice',
    double_param: '4 double oneof parameter_choice',
    uint64_param: '5 uint64 oneof parameter_choice',
  },
  InferTensorContents: {
    bool_contents: '1 repeated bool',
    int_contents: '2 repeated int32',
    int64_contents: '3 repeated int64',
    uint_contents: '4 repeated uint32',
    uint64_contents: '5 repeated uint64',
    fp32_contents: '6 repeated float',
    fp64_contents: '7 repeated double',
    bytes_contents: '8 repeated bytes',
  },
};

const root = new protobuf.Root().loadSync(PROTO, { keepCase: true }).resolveAll();
const pkg = root.lookup('inference') as protobuf.Namespace;

/** A type's name relative to the package, e.g. `ModelInferRequest.InferInputTensor`. */
const relativeName = (type: protobuf.ReflectionObject) => type.fullName.replace(/^\.inference\./, '');

function describeField(field: protobuf.Field): string {
  const type = field.resolvedType ? relativeName(field.resolvedType) : field.type;
  const kind = field instanceof protobuf.MapField ? `map<${field.keyType}, ${type}>` : `${field.repeated ? 'repeated ' : ''}${type}`;
  const oneof = field.partOf ? ` oneof ${field.partOf.name}` : '';
  return `${field.id} ${kind}${oneof}`;
}

function messagesOf(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  return namespace.nestedArray.flatMap((nested) => (nested instanceof protobuf.Type ? [nested, ...messagesOf(nested)] : []));
}

describe('proto/open_inference_grpc.proto against the Open Inference Protocol specification', () => {
  it('is proto3 in package inference, with nothing but the service and the messages', () => {
    expect(root.nestedArray.map((nested) => nested.name)).toEqual(['inference']);
    const names = pkg.nestedArray.map((nested) => nested.name).sort();
    const topLevel = Object.keys(SPEC_MESSAGES).filter((name) => !name.includes('.'));
    expect(names).toEqual([...topLevel, 'GRPCInferenceService'].sort());
  });

  it('declares GRPCInferenceService with the six unary rpcs of the specification', () => {
    const service = root.lookupService('inference.GRPCInferenceService');
    const rpcs = Object.fromEntries(
      service.methodsArray.map((method) => {
        expect(method.requestStream ?? false).toBe(false);
        expect(method.responseStream ?? false).toBe(false);
        return [method.name, [relativeName(method.resolvedRequestType!), relativeName(method.resolvedResponseType!)]];
      }),
    );
    expect(rpcs).toEqual(SPEC_RPCS);
  });

  it('declares every message of the specification, and no other', () => {
    expect(messagesOf(pkg).map(relativeName).sort()).toEqual(Object.keys(SPEC_MESSAGES).sort());
  });

  it.each(Object.entries(SPEC_MESSAGES))('%s has the specification fields: names, numbers, types, labels, oneofs', (name, fields) => {
    const type = root.lookupType(`inference.${name}`);
    expect(Object.fromEntries(type.fieldsArray.map((field) => [field.name, describeField(field)]))).toEqual(fields);
  });
});
