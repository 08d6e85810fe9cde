/**
 * `@inferschema/core/protocols/oip`: the Open Inference Protocol's tensors, transport-neutral. A model's
 * {@link OipSignature} (its input and output tensors, derived from the entry script's parameter types),
 * input tensors read from JSON data or raw bytes and checked against it, results written as output tensors
 * (JSON data or raw little-endian bytes). The REST routes and the gRPC service both use it.
 *
 * @module
 */
export { INTEGER_RANGES, isOipDatatype, OIP_DATATYPES, type NumericDatatype, type OipDatatype } from './datatype.js';
export { OipError, type OipErrorCode } from './oip-error.js';
export type { InputTensorInit, OipParameters, OipParameterValue, Tensor, TensorMetadata, TensorValues } from './tensor.js';
export { readRawTensor, writeRawTensor } from './raw-tensor.js';
export { readJsonTensor, writeJsonTensor } from './json-tensor.js';
export { elementCount, readInputTensor } from './read-input.js';
export { NoTensorForm, OUTPUT_NAME } from './bindings.js';
export { DTYPE_DATATYPES } from './tensor-forms.js';
export { OipSignature, type SignatureSource } from './signature.js';
export { modelNameOf } from './model-name.js';
