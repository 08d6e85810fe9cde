import type { JsonValue } from '../../json/json-value.js';
import type { JsonSchema } from '../../schema/json-schema.js';
import { InputValidationError } from '../../validation/input-validation-error.js';
import { ParameterType } from '../parameter-type.js';
import { ConversionIssue } from './conversion-issue.js';
import { inferSample } from './infer-sample.js';
import type { SampleNode } from './sample-node.js';
import type { StandardEncodable, StandardSample, StandardValue } from './standard-sample.js';

function schemaOf(sample: StandardSample): { node: SampleNode; schema: JsonSchema } {
  const { node, example } = inferSample(sample);
  return { node, schema: { ...node.schema, example } };
}

/**
 * A parameter type for JSON-shaped values, inferred from a sample: strings, numbers (`double`), booleans,
 * `null`, `bigint` (`int64`), integers declared with {@link integer}, `Date` (`date-time`), `Uint8Array` and
 * `Buffer` (base64 `byte`), arrays and plain objects of these, and other parameter types nested at any
 * depth. Objects are exact: every sample key is required and no other key is accepted. An array accepts any
 * length; its items are every kind of element the sample holds (`anyOf` when there are several).
 *
 * @throws TypeError when the sample holds something JSON cannot describe (`undefined`, a function, a symbol,
 * a `Map`, a `Set`, a cycle, a class instance, a non-finite number), naming its JSON Pointer.
 * @example
 * const request = new StandardParameterType({ text: 'hello', topK: integer(5), when: new Date(), scores: [0.5] });
 * request.decode({ text: 'hi', topK: 3, when: '2024-01-31T12:00:00Z', scores: [] });
 * // { text: 'hi', topK: 3, when: Date(2024-01-31T12:00:00.000Z), scores: [] }
 */
export class StandardParameterType<S extends StandardSample> extends ParameterType<StandardValue<S>, S> {
  readonly #node: SampleNode;

  constructor(sample: S) {
    const { node, schema } = schemaOf(sample);
    super(sample, schema);
    this.#node = node;
  }

  override get kind(): 'standard' {
    return 'standard';
  }

  convert(json: unknown, path: string): StandardValue<S> {
    try {
      return this.#node.convert(json, path) as StandardValue<S>;
    } catch (error) {
      if (!(error instanceof ConversionIssue)) throw error;
      throw new InputValidationError([{ path: path + error.pointer, message: error.message }]);
    }
  }

  /**
   * The JSON of a native value: `Date` → ISO 8601, bytes → base64, typed arrays → arrays of numbers, a safe
   * `bigint` → number (a larger one stays `bigint`, which `stringifyJson` writes exactly), nested types
   * through their own `encode`.
   *
   * @throws UnencodableValueError (a TypeError) naming the JSON Pointer of a value JSON cannot hold.
   */
  encode(value: StandardValue<S> | StandardEncodable<S>): JsonValue {
    return this.#node.encode(value);
  }
}
