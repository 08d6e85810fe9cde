import type { JsonValue } from '../../../json/json-value.js';
import type { JsonSchema } from '../../../schema/json-schema.js';
import { encodeJson } from '../encode-json.js';
import type { SampleNode } from '../sample-node.js';

/**
 * A `bigint` position: `int64` (or `uint64`), checked exactly by the `exactInteger` keyword, which accepts
 * safe numbers, `bigint` and decimal strings; all of them decode to `bigint`.
 */
export class BigIntNode implements SampleNode {
  readonly schema: JsonSchema;
  readonly plain = false;
  readonly needsPath = false;

  constructor(format: 'int64' | 'uint64') {
    this.schema = Object.freeze({ type: 'integer', format });
  }

  convert(json: unknown): bigint {
    return BigInt(json as number | bigint | string);
  }

  encode(value: unknown): JsonValue {
    return encodeJson(value);
  }

  accepts(value: unknown): boolean {
    return typeof value === 'bigint';
  }
}
