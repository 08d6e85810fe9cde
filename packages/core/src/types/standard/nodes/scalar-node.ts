import type { JsonValue } from '../../../json/json-value.js';
import type { JsonSchema } from '../../../schema/json-schema.js';
import { encodeJson } from '../encode-json.js';
import type { SampleNode } from '../sample-node.js';

/** A string, double, boolean or null position: its JSON is its native value. */
export class ScalarNode implements SampleNode {
  readonly plain = true;
  readonly needsPath = false;

  constructor(
    readonly schema: JsonSchema,
    readonly accepts: (value: unknown) => boolean,
  ) {
    Object.freeze(schema);
  }

  convert(json: unknown): unknown {
    return json;
  }

  encode(value: unknown): JsonValue {
    return encodeJson(value);
  }
}

export const STRING_NODE = new ScalarNode({ type: 'string' }, (value) => typeof value === 'string');
export const DOUBLE_NODE = new ScalarNode({ type: 'number', format: 'double' }, (value) => typeof value === 'number');
export const BOOLEAN_NODE = new ScalarNode({ type: 'boolean' }, (value) => typeof value === 'boolean');
export const NULL_NODE = new ScalarNode({ type: 'null' }, (value) => value === null || value === undefined);
