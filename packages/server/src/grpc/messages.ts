/**
 * The messages of `proto/open_inference_grpc.proto` as the service reads and writes them: field names as in the
 * .proto (`keepCase`), 64-bit integers as `bigint` when read (`longs: BigInt`; `number` or `bigint` when
 * written), `bytes` as `Buffer`, and every field present when read (`defaults`).
 */

/** `InferParameter`: one of its fields is set, and `parameter_choice` names it. */
export interface InferParameter {
  readonly parameter_choice?: 'bool_param' | 'int64_param' | 'string_param' | 'double_param' | 'uint64_param';
  readonly bool_param?: boolean;
  readonly int64_param?: bigint | number;
  readonly string_param?: string;
  readonly double_param?: number;
  readonly uint64_param?: bigint | number;
}

export type InferParameters = Readonly<Record<string, InferParameter>>;

/** `InferTensorContents`: the field of the tensor's datatype holds its elements, flattened row-major. */
export interface InferTensorContents {
  readonly bool_contents?: readonly boolean[];
  readonly int_contents?: readonly number[];
  readonly int64_contents?: readonly (bigint | number)[];
  readonly uint_contents?: readonly number[];
  readonly uint64_contents?: readonly (bigint | number)[];
  readonly fp32_contents?: readonly number[];
  readonly fp64_contents?: readonly number[];
  readonly bytes_contents?: readonly Uint8Array[];
}

export interface TensorMetadata {
  readonly name: string;
  readonly datatype: string;
  readonly shape: readonly number[];
}

export interface ModelNameRequest {
  readonly name: string;
  readonly version: string;
}

export interface ServerMetadataResponse {
  readonly name: string;
  readonly version: string;
  readonly extensions: readonly string[];
}

export interface ModelMetadataResponse {
  readonly name: string;
  readonly versions: readonly string[];
  readonly platform: string;
  readonly inputs: readonly TensorMetadata[];
  readonly outputs: readonly TensorMetadata[];
  readonly properties?: Readonly<Record<string, string>>;
}

/** `ModelInferRequest.InferInputTensor`; `contents` is null when the request left it out. */
export interface InferInputTensor {
  readonly name: string;
  readonly datatype: string;
  readonly shape: readonly bigint[];
  readonly parameters: InferParameters;
  readonly contents: InferTensorContents | null;
}

export interface ModelInferRequest {
  readonly model_name: string;
  readonly model_version: string;
  readonly id: string;
  readonly parameters: InferParameters;
  readonly inputs: readonly InferInputTensor[];
  readonly outputs: readonly { readonly name: string; readonly parameters: InferParameters }[];
  readonly raw_input_contents: readonly Buffer[];
}

export interface InferOutputTensor {
  readonly name: string;
  readonly datatype: string;
  readonly shape: readonly number[];
  readonly parameters?: InferParameters;
  readonly contents?: InferTensorContents;
}

export interface ModelInferResponse {
  readonly model_name: string;
  readonly model_version: string;
  readonly id: string;
  readonly parameters?: InferParameters;
  readonly outputs: readonly InferOutputTensor[];
  readonly raw_output_contents?: readonly Uint8Array[];
}
