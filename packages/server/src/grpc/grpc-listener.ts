import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';

/** Where and how a gRPC service listens. */
export interface GrpcListenOptions {
  readonly host: string;
  /** `0` picks a free port. */
  readonly port: number;
  /** The largest request message accepted, in bytes; larger ones fail with RESOURCE_EXHAUSTED. */
  readonly maxMessageBytes: number;
}

/** A listening gRPC server. */
export interface GrpcListener {
  /** The port it listens on (the one picked, when asked for 0). */
  readonly port: number;
  /** Refuses new calls, lets the running ones finish, then closes every connection. */
  close(): Promise<void>;
  /** Cancels the running calls and closes every connection now. */
  forceClose(): void;
}

/**
 * Starts a gRPC server (plaintext HTTP/2, as inside a cluster behind its mesh or ingress) with one service.
 *
 * @example
 * const listener = await listenGrpc(definition, handlers, { host: '127.0.0.1', port: 0, maxMessageBytes: 16 << 20 });
 * await listener.close();
 */
export function listenGrpc(
  definition: ServiceDefinition,
  handlers: UntypedServiceImplementation,
  options: GrpcListenOptions,
): Promise<GrpcListener> {
  const server = new Server({
    'grpc.max_receive_message_length': options.maxMessageBytes,
    'grpc.max_send_message_length': -1,
  });
  server.addService(definition, handlers);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${options.port}`, ServerCredentials.createInsecure(), (error, port) => {
      if (error) {
        server.forceShutdown();
        reject(error);
        return;
      }
      let closing: Promise<void> | undefined;
      resolve({
        port,
        close: () => (closing ??= new Promise((done) => server.tryShutdown(() => done()))),
        forceClose: () => server.forceShutdown(),
      });
    });
  });
}
