import type { JsonValue } from '../json/json-value.js';
import type { JsonSchema, OpenApiVersion } from '../schema/json-schema.js';
import { supportedVersionsOf } from '../schema/supported-versions.js';
import { compileValidator, type Validator } from '../validation/validator.js';
import type { ParameterKind } from './kind.js';

const BRAND = Symbol.for('inferschema.ParameterType');

/**
 * What every parameter type is: built from one sample, it has a JSON Schema (with the sample as its
 * `example`), validates and converts request JSON into the native value `run` receives, and encodes results
 * back into JSON. The validator is compiled once, when the type is built.
 *
 * `TValue` is the native value `decode` returns; {@link DecodedValue} reads it back from a type.
 *
 * `instanceof ParameterType` works across copies of this package (an entry script and the server may load
 * different copies); so does the {@link ParameterType.kind | kind} tag, which the guards (`isNdArrayType`, …) read.
 */
export abstract class ParameterType<TValue = unknown, TSample = unknown> {
  /** The sample this type was built from. */
  readonly sample: TSample;
  readonly #schema: JsonSchema;
  readonly #validate: Validator;

  protected constructor(sample: TSample, schema: JsonSchema) {
    this.sample = sample;
    this.#schema = schema;
    this.#validate = compileValidator(schema);
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * What this type is: `standard`, `ndarray`, `dataframe`, or `custom` for a class an entry script derives
   * from `ParameterType` itself. Read it (or `isNdArrayType(x)` …) rather than `instanceof` a subclass.
   */
  get kind(): ParameterKind {
    return 'custom';
  }

  /** The JSON Schema of the sample, with the sample as its `example`. A fresh copy on every call. */
  toJsonSchema(): JsonSchema {
    return structuredClone(this.#schema);
  }

  /**
   * Validates parsed JSON against the schema and converts it into the native value. The input is never
   * changed.
   *
   * @throws InputValidationError listing each problem with its JSON Pointer.
   */
  decode(json: unknown): TValue {
    const error = this.#validate(json);
    if (error) throw error;
    return this.convert(json, '');
  }

  /**
   * Converts JSON that already matches this type's schema into the native value, without changing it.
   * `decode` calls it after validation; containers call it for the parameter types nested in them. `path` is
   * the JSON Pointer of `json` in the whole input, for the rare problems a JSON Schema cannot express.
   */
  abstract convert(json: unknown, path: string): TValue;

  /** Converts a native value into a JSON value (see `stringifyJson` for `bigint`). */
  abstract encode(value: TValue): JsonValue;

  /** The OpenAPI versions that can describe this type's schema. */
  supportedVersions(): OpenApiVersion[] {
    return supportedVersionsOf(this.#schema);
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== ParameterType) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/**
 * The native value a parameter type decodes to, read from `decode` alone (a type's `encode` may accept more
 * than it decodes to, e.g. an ndarray type also encodes plain typed arrays).
 *
 * @example
 * type Features = DecodedValue<typeof features>; // NdArray<Float64Array>
 */
export type DecodedValue<T> = T extends ParameterType<any, any> & { decode(json: unknown): infer TValue } ? TValue : never;
