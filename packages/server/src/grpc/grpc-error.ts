import { status, type ServiceError } from '@grpc/grpc-js';

/** A call's failure as a gRPC status: its code and the message clients read as `details`. */
export class GrpcError extends Error {
  override readonly name = 'GrpcError';
  readonly code: status;

  constructor(code: status, message: string) {
    super(message);
    this.code = code;
  }

  /** What a unary handler passes to its callback. */
  toServiceError(): Partial<ServiceError> {
    return { code: this.code, details: this.message };
  }
}
