import { fileURLToPath } from 'node:url';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type Options } from '@grpc/proto-loader';

/** The absolute path of `open_inference_grpc.proto` (also exported as `@inferschema/server/open_inference_grpc.proto`). */
export const INFERENCE_PROTO_PATH = fileURLToPath(new URL('../../proto/open_inference_grpc.proto', import.meta.url));

/** How messages are read: the .proto's field names, exact 64-bit integers, every field present. */
const LOAD_OPTIONS: Options = { keepCase: true, longs: BigInt, enums: String, defaults: true, oneofs: true };

let definition: ServiceDefinition | undefined;

/**
 * The `inference.GRPCInferenceService` definition, loaded from the .proto once per process (about 10 ms) and
 * shared by every server in it.
 */
export function inferenceServiceDefinition(): ServiceDefinition {
  definition ??= loadSync(INFERENCE_PROTO_PATH, LOAD_OPTIONS)['inference.GRPCInferenceService'] as ServiceDefinition;
  return definition;
}
