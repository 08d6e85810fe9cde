export { StandardParameterType } from './standard-parameter-type.js';
export type { NumericTypedArray, StandardEncodable, StandardSample, StandardValue } from './standard-sample.js';
export { integer, type IntegerFormat, type IntegerSample } from './integer-sample.js';
export { UnencodableValueError } from './unencodable-value-error.js';
