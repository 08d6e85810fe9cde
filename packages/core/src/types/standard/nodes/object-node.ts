import type { JsonValue } from '../../../json/json-value.js';
import { appendPointer } from '../../../json/json-pointer.js';
import type { JsonSchema } from '../../../schema/json-schema.js';
import { rethrowIssueWithin } from '../conversion-issue.js';
import { copyJson } from '../copy-json.js';
import { isPlainObject } from '../describe-value.js';
import { encodeJson, encodeMembers, hasToJSON } from '../encode-json.js';
import type { SampleNode } from '../sample-node.js';

/** An object position: exactly the sample's keys, all required, no others. */
export class ObjectNode implements SampleNode {
  readonly schema: JsonSchema;
  readonly plain: boolean;
  readonly needsPath: boolean;
  readonly #members: ReadonlyMap<string, SampleNode>;
  readonly #keys: readonly string[];
  readonly #nodes: readonly SampleNode[];

  constructor(members: ReadonlyMap<string, SampleNode>) {
    this.#members = members;
    const nodes = [...members.values()];
    this.#keys = [...members.keys()];
    this.#nodes = nodes;
    this.schema = Object.freeze({
      type: 'object',
      properties: Object.fromEntries([...members].map(([key, node]) => [key, node.schema])),
      required: [...this.#keys],
      additionalProperties: false,
    });
    this.plain = nodes.every((node) => node.plain);
    this.needsPath = nodes.some((node) => node.needsPath);
  }

  convert(json: unknown, path: string): Record<string, unknown> {
    if (this.plain) return copyJson(json) as Record<string, unknown>;
    const input = json as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    const keys = this.#keys;
    let i = 0;
    try {
      for (; i < keys.length; i++) {
        const key = keys[i]!;
        const node = this.#nodes[i]!;
        result[key] = node.convert(input[key], node.needsPath ? appendPointer(path, key) : path);
      }
    } catch (error) {
      rethrowIssueWithin(error, keys[i]!);
    }
    return result;
  }

  /** The sample's members through their nodes; any other member as plain JSON (output validation names it). */
  encode(value: unknown): JsonValue {
    if (!isPlainObject(value) || hasToJSON(value)) return encodeJson(value);
    return encodeMembers(value, this.#encodeMember);
  }

  readonly #encodeMember = (key: string, member: unknown): JsonValue => (this.#members.get(key) ?? PLAIN).encode(member);

  /** A plain object holding every key of the sample. */
  accepts(value: unknown): boolean {
    if (!isPlainObject(value)) return false;
    for (const key of this.#keys) if (value[key] === undefined) return false;
    return true;
  }
}

const PLAIN = { encode: encodeJson };
