import type { JsonValue } from '../../../json/json-value.js';
import type { JsonSchema } from '../../../schema/json-schema.js';
import { ConversionIssue } from '../conversion-issue.js';
import type { IntegerFormat } from '../integer-sample.js';
import { encodeJson } from '../encode-json.js';
import type { SampleNode } from '../sample-node.js';

const SAFE_RANGE = `from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`;

/**
 * An {@link integer} position, decoded to a `number`. The 32-bit and smaller formats are range-checked by
 * ajv. `int64`/`uint64` are checked exactly (safe numbers, `bigint` and decimal strings), and a value beyond
 * ±2^53, which a `number` cannot hold, is rejected here rather than rounded; the schema documents that range.
 */
export class IntegerNode implements SampleNode {
  readonly schema: JsonSchema;
  readonly plain: boolean;
  readonly needsPath = false;

  constructor(format: IntegerFormat) {
    const wide = format === 'int64' || format === 'uint64';
    this.schema = Object.freeze(
      wide
        ? { type: 'integer', format, minimum: format === 'uint64' ? 0 : Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }
        : { type: 'integer', format },
    );
    this.plain = !wide;
  }

  convert(json: unknown): number {
    if (typeof json === 'number') return json;
    const value = Number(json as bigint | string);
    if (Number.isSafeInteger(value)) return value;
    throw new ConversionIssue('', `must be an integer ${SAFE_RANGE}`);
  }

  encode(value: unknown): JsonValue {
    return encodeJson(value);
  }

  accepts(value: unknown): boolean {
    return typeof value === 'number' && Number.isInteger(value);
  }
}
