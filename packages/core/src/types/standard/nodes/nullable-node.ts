import type { JsonValue } from '../../../json/json-value.js';
import type { JsonSchema, JsonSchemaType } from '../../../schema/json-schema.js';
import type { SampleNode } from '../sample-node.js';

/**
 * The items of an array whose sample holds `null` and one other kind: `type: [kind, 'null']`, which every
 * OpenAPI version can describe (`nullable` in 3.0, `x-nullable` in 2.0), rather than an `anyOf`.
 */
export class NullableNode implements SampleNode {
  readonly schema: JsonSchema;
  readonly plain: boolean;
  readonly needsPath: boolean;

  constructor(private readonly inner: SampleNode) {
    const type: JsonSchemaType[] = [inner.schema.type as JsonSchemaType, 'null'];
    this.schema = Object.freeze({ ...inner.schema, type });
    this.plain = inner.plain;
    this.needsPath = inner.needsPath;
  }

  /** Whether `node` has a single `type` that `null` can join. */
  static canWrap(node: SampleNode): boolean {
    return typeof node.schema.type === 'string' && node.schema.type !== 'null';
  }

  convert(json: unknown, path: string): unknown {
    return json === null ? null : this.inner.convert(json, path);
  }

  encode(value: unknown): JsonValue {
    return value === null || value === undefined ? null : this.inner.encode(value);
  }

  accepts(value: unknown): boolean {
    return value === null || value === undefined || this.inner.accepts(value);
  }
}
