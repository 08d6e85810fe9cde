/**
 * @inferschema/core/codecs: request and response body formats (JSON, numpy `.npy`, Arrow IPC) in one
 * registry that the server, the CLI and the document builders share.
 *
 * @module
 */
export { mediaTypeOf, type BodyCodec } from './body-codec.js';
export { BodyFormatError, type BodyFormatProblem } from './body-format-error.js';
export { CodecRegistry, bodyCodecs, JSON_CHOICE, type CodecChoice } from './codec-registry.js';
export { jsonCodec, parseJsonBody } from './json-codec.js';
export { npyCodec } from './npy/npy-codec.js';
export { readNpy } from './npy/read-npy.js';
export { writeNpy } from './npy/write-npy.js';
export { arrowCodec, readArrowTable, ARROW_FILE, ARROW_STREAM } from './arrow/arrow-codec.js';
export { decodeRequestBody, encodeResponseBody, requestMediaTypes, responseMediaTypes, valueParameterOf } from './request-body.js';
export { invokeInFormats, type BodyFormats, type FormattedResult } from './invoke-in-formats.js';
