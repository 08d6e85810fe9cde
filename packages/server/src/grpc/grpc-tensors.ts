import { isOipDatatype, OipError, writeRawTensor, type InputTensorInit, type OipDatatype, type Tensor } from '@inferschema/core/protocols/oip';
import type { InferInputTensor, InferOutputTensor, InferTensorContents, ModelInferRequest } from './messages.js';

/** The `InferTensorContents` field that holds each datatype's elements (FP16 has none: raw only). */
const CONTENTS_FIELDS: Readonly<Record<OipDatatype, keyof InferTensorContents | undefined>> = Object.freeze({
  BOOL: 'bool_contents',
  UINT8: 'uint_contents',
  UINT16: 'uint_contents',
  UINT32: 'uint_contents',
  UINT64: 'uint64_contents',
  INT8: 'int_contents',
  INT16: 'int_contents',
  INT32: 'int_contents',
  INT64: 'int64_contents',
  FP16: undefined,
  FP32: 'fp32_contents',
  FP64: 'fp64_contents',
  BYTES: 'bytes_contents',
});

const invalid = (message: string) => new OipError('invalid-argument', message);

/** The `contents` fields that hold elements. */
function filledFields(contents: InferTensorContents | null): (keyof InferTensorContents)[] {
  if (!contents) return [];
  return (Object.keys(contents) as (keyof InferTensorContents)[]).filter((field) => (contents[field]?.length ?? 0) > 0);
}

function labelOf(tensor: InferInputTensor, index: number): string {
  return tensor.name ? `input '${tensor.name}'` : `input ${index}`;
}

/** One input's elements from `contents`: the field of its datatype, and no other. */
function contentsData(tensor: InferInputTensor, index: number): unknown {
  const { datatype } = tensor;
  if (!isOipDatatype(datatype)) return []; // readInputTensor names the unknown datatype
  const field = CONTENTS_FIELDS[datatype];
  if (field === undefined) throw invalid(`${labelOf(tensor, index)}: ${datatype} elements have no contents field; send them in raw_input_contents`);
  const wrong = filledFields(tensor.contents).filter((filled) => filled !== field);
  if (wrong.length > 0) throw invalid(`${labelOf(tensor, index)}: datatype ${datatype} takes its elements in contents.${field}, not contents.${wrong[0]}`);
  return tensor.contents?.[field] ?? [];
}

/**
 * The input tensors of a `ModelInferRequest`, as the transport-neutral reader takes them: each input's
 * elements from `raw_input_contents` (one entry per input, in order) or else from the `contents` field of its
 * datatype. Shapes stay as received (`bigint`), checked by the reader.
 *
 * @throws OipError (`invalid-argument`) when the raw entries do not match the inputs, or an input mixes both forms.
 */
export function inputTensorsOf(request: ModelInferRequest): InputTensorInit[] {
  const { inputs, raw_input_contents: raw } = request;
  if (raw.length > 0) {
    if (raw.length !== inputs.length) {
      throw invalid(`raw_input_contents has ${raw.length} entries for ${inputs.length} inputs; it needs one per input, in order`);
    }
    return inputs.map((tensor, index) => {
      const filled = filledFields(tensor.contents);
      if (filled.length > 0) throw invalid(`${labelOf(tensor, index)}: has contents.${filled[0]} while raw_input_contents is used; send one or the other`);
      return { name: tensor.name, datatype: tensor.datatype, shape: tensor.shape, raw: raw[index]! };
    });
  }
  return inputs.map((tensor, index) => ({ name: tensor.name, datatype: tensor.datatype, shape: tensor.shape, data: contentsData(tensor, index) }));
}

const encoder = new TextEncoder();

/** A tensor's elements in its `contents` field: plain arrays (protobufjs takes no typed arrays), bytes for BYTES. */
function contentsOf(tensor: Tensor): InferTensorContents {
  const field = CONTENTS_FIELDS[tensor.datatype];
  if (field === undefined) throw new TypeError(`Output '${tensor.name}': ${tensor.datatype} has no contents field`);
  const values =
    tensor.datatype === 'BYTES'
      ? Array.from(tensor.values as readonly (string | Uint8Array)[], (value) => (typeof value === 'string' ? encoder.encode(value) : value))
      : Array.from(tensor.values as ArrayLike<unknown>);
  return { [field]: values };
}

/** Bytes as a Buffer over the same memory (protobufjs writes Buffers without copying them first). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The `outputs` of a `ModelInferResponse`, and its `raw_output_contents` when `raw` (then no output has
 * `contents`): raw little-endian bytes, BYTES elements length-prefixed.
 */
export function outputTensorsOf(tensors: readonly Tensor[], raw: boolean): { outputs: InferOutputTensor[]; raw_output_contents: Uint8Array[] } {
  const outputs = tensors.map((tensor) => ({
    name: tensor.name,
    datatype: tensor.datatype,
    shape: [...tensor.shape],
    ...(raw ? {} : { contents: contentsOf(tensor) }),
  }));
  return { outputs, raw_output_contents: raw ? tensors.map((tensor) => asBuffer(writeRawTensor(tensor.values, tensor.datatype))) : [] };
}
