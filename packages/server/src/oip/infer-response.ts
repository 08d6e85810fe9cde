import { stringifyJson, type JsonValue } from '@inferschema/core';
import { writeJsonTensor, writeRawTensor, type Tensor } from '@inferschema/core/protocols/oip';
import type { RequestedOutput } from './infer-request.js';

/** An answer of the infer route: JSON, or a JSON header followed by binary tensor data. */
export interface InferReply {
  readonly contentType: string;
  /** Extra headers as name/value pairs (`Inference-Header-Content-Length` with binary data). */
  readonly headers: readonly string[];
  readonly body: string | Uint8Array;
}

/**
 * Writes an `$inference_response`: `model_name`, `model_version` (when the model has one), `id` (when the
 * request had one), `outputs`. An output asked for as binary data has `parameters.binary_data_size` instead
 * of `data`, and its raw little-endian bytes follow the JSON, in output order; the
 * `Inference-Header-Content-Length` header gives the JSON's length.
 */
export function inferReply(
  model: { readonly name: string; readonly version: string | undefined },
  id: string | undefined,
  tensors: readonly Tensor[],
  requested: readonly RequestedOutput[],
  binaryOutputs: boolean,
): InferReply {
  const binaries: Uint8Array[] = [];
  const outputs = tensors.map((tensor): Record<string, JsonValue> => {
    const binary = requested.find((output) => output.name === tensor.name)?.binary ?? binaryOutputs;
    const head = { name: tensor.name, datatype: tensor.datatype, shape: [...tensor.shape] };
    if (!binary) return { ...head, data: writeJsonTensor(tensor.values, tensor.datatype) };
    const bytes = writeRawTensor(tensor.values, tensor.datatype);
    binaries.push(bytes);
    return { ...head, parameters: { binary_data_size: bytes.byteLength } };
  });
  const response: Record<string, JsonValue> = { model_name: model.name };
  if (model.version !== undefined) response.model_version = model.version;
  if (id !== undefined) response.id = id;
  response.outputs = outputs;
  const json = stringifyJson(response);
  if (binaries.length === 0) return { contentType: 'application/json', headers: [], body: json };
  const header = Buffer.from(json, 'utf8');
  const body = Buffer.concat([header, ...binaries]);
  return { contentType: 'application/octet-stream', headers: ['inference-header-content-length', String(header.length)], body };
}
