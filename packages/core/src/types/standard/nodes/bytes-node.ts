import type { JsonValue } from '../../../json/json-value.js';
import type { JsonSchema } from '../../../schema/json-schema.js';
import { encodeJson } from '../encode-json.js';
import type { SampleNode } from '../sample-node.js';

/** A `Uint8Array` or `Buffer` position: a base64 `byte` string, decoded to the same kind of bytes. */
export class BytesNode implements SampleNode {
  readonly schema: JsonSchema = Object.freeze({ type: 'string', format: 'byte' });
  readonly plain = false;
  readonly needsPath = false;

  constructor(private readonly asBuffer: boolean) {}

  convert(json: unknown): Uint8Array {
    const bytes = Buffer.from(json as string, 'base64');
    // A small Buffer can be a view of Node's shared pool; a Uint8Array of its own does not expose the rest.
    return this.asBuffer ? bytes : new Uint8Array(bytes);
  }

  encode(value: unknown): JsonValue {
    return encodeJson(value);
  }

  accepts(value: unknown): boolean {
    return value instanceof Uint8Array;
  }
}

export const UINT8ARRAY_NODE = new BytesNode(false);
export const BUFFER_NODE = new BytesNode(true);
