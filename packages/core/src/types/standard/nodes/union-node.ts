import type { JsonValue } from '../../../json/json-value.js';
import type { JsonSchema } from '../../../schema/json-schema.js';
import { InputValidationError } from '../../../validation/input-validation-error.js';
import { fastAjv } from '../../../validation/ajv.js';
import { validationSchemaOf } from '../../../validation/validation-schema.js';
import { copyJson } from '../copy-json.js';
import { encodeJson } from '../encode-json.js';
import type { SampleNode } from '../sample-node.js';
import { NestedTypeNode } from './nested-type-node.js';

/**
 * The items of an array whose sample holds several kinds of element: `anyOf` every kind, in the order the
 * sample first shows them. JSON converts through the first kind it matches (a check compiled once, only
 * when some kind converts to more than a copy); a native value encodes through the first kind that accepts
 * it, nested parameter types last.
 */
export class UnionNode implements SampleNode {
  readonly schema: JsonSchema;
  readonly plain: boolean;
  readonly needsPath: boolean;
  readonly #matchers: ReadonlyArray<(json: unknown) => boolean>;
  readonly #encoders: readonly SampleNode[];

  constructor(private readonly branches: readonly SampleNode[]) {
    this.schema = Object.freeze({ anyOf: branches.map((branch) => branch.schema) });
    this.plain = branches.every((branch) => branch.plain);
    this.needsPath = !this.plain;
    this.#matchers = this.plain ? [] : branches.map((branch) => fastAjv.compile(validationSchemaOf(branch.schema)));
    this.#encoders = [
      ...branches.filter((branch) => !(branch instanceof NestedTypeNode)),
      ...branches.filter((branch) => branch instanceof NestedTypeNode),
    ];
  }

  convert(json: unknown, path: string): unknown {
    if (this.plain) return copyJson(json);
    const index = this.#matchers.findIndex((matches) => matches(json));
    const branch = this.branches[index];
    if (!branch) throw new InputValidationError([{ path, message: 'matches none of the allowed types' }]);
    return branch.convert(json, path);
  }

  encode(value: unknown): JsonValue {
    return (this.#encoders.find((branch) => branch.accepts(value)) ?? { encode: encodeJson }).encode(value);
  }

  accepts(value: unknown): boolean {
    return this.branches.some((branch) => branch.accepts(value));
  }
}
