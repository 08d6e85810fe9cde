import type { JsonValue } from '../../../json/json-value.js';
import { appendPointer } from '../../../json/json-pointer.js';
import type { JsonSchema } from '../../../schema/json-schema.js';
import { rethrowIssueWithin } from '../conversion-issue.js';
import { copyJson } from '../copy-json.js';
import { encodeElements, encodeJson } from '../encode-json.js';
import type { SampleNode } from '../sample-node.js';

/**
 * An array position, of any length, whose elements all match `items`. An empty sample has no items to
 * describe: it gives `maxItems: 0`, so only an empty array matches it.
 */
export class ArrayNode implements SampleNode {
  readonly schema: JsonSchema;
  readonly plain: boolean;
  readonly needsPath: boolean;

  constructor(private readonly items: SampleNode | undefined) {
    this.schema = Object.freeze(items ? { type: 'array', items: items.schema } : { type: 'array', maxItems: 0 });
    this.plain = items?.plain ?? true;
    this.needsPath = items?.needsPath ?? false;
  }

  convert(json: unknown, path: string): unknown[] {
    const elements = json as unknown[];
    const items = this.items;
    if (!items || this.plain) return copyJson(elements) as unknown[];
    const result = new Array<unknown>(elements.length);
    let i = 0;
    try {
      for (; i < elements.length; i++) result[i] = items.convert(elements[i], items.needsPath ? appendPointer(path, i) : path);
    } catch (error) {
      rethrowIssueWithin(error, i);
    }
    return result;
  }

  encode(value: unknown): JsonValue {
    const items = this.items;
    if (!items || !this.accepts(value)) return encodeJson(value);
    return encodeElements(value as ArrayLike<unknown>, (element) => items.encode(element));
  }

  /** Arrays and typed arrays (a `Float64Array` returned where the sample has `[1.5]`). */
  accepts(value: unknown): boolean {
    return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  }
}
