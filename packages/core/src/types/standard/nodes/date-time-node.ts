import type { JsonValue } from '../../../json/json-value.js';
import type { JsonSchema } from '../../../schema/json-schema.js';
import { ConversionIssue } from '../conversion-issue.js';
import { encodeJson } from '../encode-json.js';
import { parseDateTime } from '../parse-date-time.js';
import type { SampleNode } from '../sample-node.js';

/** A `Date` position: an RFC 3339 `date-time` string with a time zone, decoded to a `Date`. */
export class DateTimeNode implements SampleNode {
  readonly schema: JsonSchema = Object.freeze({ type: 'string', format: 'date-time' });
  readonly plain = false;
  readonly needsPath = false;

  convert(json: unknown): Date {
    const date = parseDateTime(json as string);
    if (date) return date;
    throw new ConversionIssue('', 'must be an ISO 8601 date-time with a time zone, e.g. 2024-01-31T12:00:00Z');
  }

  encode(value: unknown): JsonValue {
    return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : encodeJson(value);
  }

  accepts(value: unknown): boolean {
    return value instanceof Date;
  }
}

export const DATE_TIME_NODE = new DateTimeNode();
