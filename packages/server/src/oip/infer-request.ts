import { parseJson } from '@inferschema/core';
import { OipError, type InputTensorInit } from '@inferschema/core/protocols/oip';
import { decodeUtf8 } from '../http/utf8.js';

/** The header that gives the length of the JSON part of a body with binary tensor data. */
export const HEADER_LENGTH = 'inference-header-content-length';

/** A requested output: its name and whether it comes back as binary data. */
export interface RequestedOutput {
  readonly name: string;
  readonly binary: boolean;
}

/** An `$inference_request`, read from a REST body (JSON, then binary tensor data). */
export interface InferRequest {
  readonly id: string | undefined;
  readonly inputs: readonly InputTensorInit[];
  /** The outputs asked for, in order; empty: all of them. */
  readonly outputs: readonly RequestedOutput[];
  /** `binary_data_output`: outputs not listed (or listed without `binary_data`) come back as binary data. */
  readonly binaryOutputs: boolean;
}

const invalid = (message: string) => new OipError('invalid-argument', message);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `$parameters`: an object of strings, numbers and booleans. */
function parametersOf(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) throw invalid(`${where}parameters must be an object`);
  for (const [name, parameter] of Object.entries(value)) {
    if (!['string', 'number', 'boolean', 'bigint'].includes(typeof parameter)) {
      throw invalid(`${where}parameter '${name}' must be a string, number or boolean`);
    }
  }
  return value;
}

function flag(parameters: Record<string, unknown>, name: string, where: string): boolean | undefined {
  const value = parameters[name];
  if (value === undefined || typeof value === 'boolean') return value;
  throw invalid(`${where}parameter '${name}' must be a boolean`);
}

/** The length of the JSON part: the header, checked against the body. */
function jsonLength(header: string | string[] | undefined, bodyLength: number): number {
  if (header === undefined) return bodyLength;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!/^\d{1,15}$/.test(text.trim())) throw invalid(`Inference-Header-Content-Length must be a whole number of bytes, not '${text.slice(0, 40)}'`);
  const length = Number(text.trim());
  if (length > bodyLength) throw invalid(`Inference-Header-Content-Length is ${length}, but the body is only ${bodyLength} bytes`);
  if (length === 0) throw invalid('Inference-Header-Content-Length 0 (a body of raw tensor bytes without a JSON header) is not supported: send the JSON header');
  return length;
}

/**
 * Reads an inference request from a REST body: the JSON object (the first `Inference-Header-Content-Length`
 * bytes when that header is present, else the whole body), then each input's binary tensor data, in input
 * order, `binary_data_size` bytes each, which must add up to exactly the rest of the body. Binary data is a
 * view of the body (no copy). Integers beyond ±2^53 stay exact when `exactIntegers` is set.
 *
 * @throws OipError (`invalid-argument`) with the problem: a bad header, non-UTF-8 or malformed JSON, a
 * request that is not an `$inference_request`, binary sizes that do not add up.
 */
export function readInferRequest(body: Buffer, headerLength: string | string[] | undefined, exactIntegers: boolean): InferRequest {
  const length = jsonLength(headerLength, body.length);
  if (length === 0) throw invalid('The request body is empty: expected an inference request (JSON)');
  const decoded = decodeUtf8(length === body.length ? body : body.subarray(0, length));
  if ('problem' in decoded) throw invalid(`The inference request is not UTF-8: ${decoded.problem}`);
  let json: unknown;
  try {
    json = parseJson(decoded.text, { exactIntegers });
  } catch (error) {
    throw invalid(`The inference request is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(json)) throw invalid('The inference request must be a JSON object with inputs');
  const { id, inputs, outputs } = json;
  if (id !== undefined && typeof id !== 'string') throw invalid('id must be a string');
  const parameters = parametersOf(json.parameters, '');
  if (!Array.isArray(inputs)) throw invalid('inputs must be an array of input tensors');
  if (outputs !== undefined && !Array.isArray(outputs)) throw invalid('outputs must be an array of requested outputs');
  const binaryOutputs = flag(parameters, 'binary_data_output', '') ?? false;

  const binary = body.subarray(length);
  let offset = 0;
  const inits = inputs.map((input: unknown, index): InputTensorInit => {
    if (!isObject(input)) throw invalid(`input ${index} must be an object with name, shape, datatype and data`);
    const where = `input '${typeof input.name === 'string' ? input.name : index}': `;
    const inputParameters = parametersOf(input.parameters, where);
    const size = inputParameters.binary_data_size;
    if (size === undefined) return input as unknown as InputTensorInit;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw invalid(`${where}binary_data_size must be a whole number of bytes`);
    if (input.data !== undefined) throw invalid(`${where}has both data and binary_data_size`);
    if (size > binary.length - offset) {
      throw invalid(`${where}binary_data_size is ${size}, but only ${binary.length - offset} bytes of binary data remain after the JSON header`);
    }
    const raw = binary.subarray(offset, offset + size);
    offset += size;
    return { name: input.name, datatype: input.datatype, shape: input.shape, parameters: input.parameters, raw };
  });
  if (offset !== binary.length) {
    throw invalid(
      headerLength === undefined
        ? `inputs declare ${offset} bytes of binary data, but no Inference-Header-Content-Length header says where the JSON ends`
        : `the body has ${binary.length} bytes of binary data after the JSON header, but the inputs' binary_data_size add up to ${offset}`,
    );
  }
  const requested = (outputs ?? []).map((output: unknown, index): RequestedOutput => {
    if (!isObject(output) || typeof output.name !== 'string') throw invalid(`output ${index} must be an object with a name`);
    const own = flag(parametersOf(output.parameters, `output '${output.name}': `), 'binary_data', `output '${output.name}': `);
    return { name: output.name, binary: own ?? binaryOutputs };
  });
  return { id, inputs: inits, outputs: requested, binaryOutputs };
}
