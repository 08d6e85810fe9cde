import type { JsonValue } from '../../../json/json-value.js';
import type { JsonSchema } from '../../../schema/json-schema.js';
import type { ParameterType } from '../../parameter-type.js';
import type { InferredSample, SampleNode } from '../sample-node.js';

/**
 * A parameter type nested in the sample (an ndarray, a data frame, another standard type): its schema
 * without its `example` (which goes into the enclosing example), its own conversion and encoding.
 */
export class NestedTypeNode implements SampleNode {
  readonly schema: JsonSchema;
  readonly plain = false;
  readonly needsPath = true;

  constructor(private readonly type: ParameterType) {
    const { example: _example, ...schema } = type.toJsonSchema();
    this.schema = schema;
  }

  /** The node of a nested type, and its example. */
  static infer(type: ParameterType): InferredSample {
    return { node: new NestedTypeNode(type), example: type.toJsonSchema().example ?? null };
  }

  convert(json: unknown, path: string): unknown {
    return this.type.convert(json, path);
  }

  encode(value: unknown): JsonValue {
    return this.type.encode(value);
  }

  /** Its native values can be anything (class instances included), so a union tries it last. */
  accepts(): boolean {
    return true;
  }
}
