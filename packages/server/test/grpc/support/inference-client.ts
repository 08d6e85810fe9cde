import { createRequire } from 'node:module';
import { credentials, loadPackageDefinition, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

/** The .proto the package ships, as a client would take it from `@inferschema/server/open_inference_grpc.proto`. */
export const PROTO_PATH = createRequire(import.meta.url).resolve('@inferschema/server/open_inference_grpc.proto');

const definition = loadSync(PROTO_PATH, { keepCase: true, longs: String, defaults: true, oneofs: true });
const { inference } = loadPackageDefinition(definition) as any;

/** The six rpcs of GRPCInferenceService. */
export type Rpc = 'ServerLive' | 'ServerReady' | 'ModelReady' | 'ServerMetadata' | 'ModelMetadata' | 'ModelInfer';

/** A gRPC client of the inference service, with each rpc as a promise (int64 fields read as decimal strings). */
export interface InferenceClient {
  call(rpc: Rpc, request?: object, metadata?: Metadata): Promise<any>;
  /** The status a call failed with (its code and details); fails the test when the call succeeds. */
  failure(rpc: Rpc, request?: object, metadata?: Metadata): Promise<ServiceError>;
  /** Starts a call that the test can cancel (as a client gone away would); its promise rejects with the status. */
  cancellable(rpc: Rpc, request?: object): { readonly response: Promise<any>; cancel(): void };
  close(): void;
}

/**
 * Connects an `@grpc/grpc-js` client, built from the shipped .proto with `@grpc/proto-loader`, to
 * `127.0.0.1:<port>`.
 */
export function inferenceClient(port: number): InferenceClient {
  const client = new inference.GRPCInferenceService(`127.0.0.1:${port}`, credentials.createInsecure()) as Client & Record<Rpc, Function>;
  const start = (rpc: Rpc, request: object, metadata: Metadata) => {
    let cancel!: () => void;
    const response = new Promise<any>((resolve, reject) => {
      const started = client[rpc](request, metadata, (error: ServiceError | null, response: unknown) => (error ? reject(error) : resolve(response)));
      cancel = () => started.cancel();
    });
    return { response, cancel };
  };
  const call = (rpc: Rpc, request: object = {}, metadata = new Metadata()) => start(rpc, request, metadata).response;
  return {
    call,
    cancellable: (rpc, request = {}) => start(rpc, request, new Metadata()),
    async failure(rpc, request, metadata) {
      try {
        const response = await call(rpc, request, metadata);
        throw new Error(`${rpc} succeeded: ${JSON.stringify(response)}`);
      } catch (error) {
        if ((error as ServiceError).code === undefined) throw error;
        return error as ServiceError;
      }
    },
    close: () => client.close(),
  };
}
