import type { JsonValue } from '../../json/json-value.js';
import type { JsonSchema } from '../../schema/json-schema.js';

/**
 * One position of a standard sample (the sample itself, a member, an array's items), built once when the
 * type is built: its schema, and how JSON that already matches the schema becomes the native value there
 * (and back).
 */
export interface SampleNode {
  /** The schema of this position, without `example`. */
  readonly schema: JsonSchema;
  /** Converting is only copying: nothing below this position becomes a `Date`, `Uint8Array`, `bigint` or nested type's value. */
  readonly plain: boolean;
  /** A nested parameter type lies below, whose `convert` needs the real JSON Pointer of its input. */
  readonly needsPath: boolean;
  /**
   * JSON that matches `schema` → a fresh native value (the input is never changed). `path` is the JSON
   * Pointer of `json` where `needsPath`; other problems are thrown as a relative `ConversionIssue`.
   */
  convert(json: unknown, path: string): unknown;
  /** A native value → JSON (see `encodeJson` for values that do not look like the sample). */
  encode(value: unknown): JsonValue;
  /** Whether a native value looks like this position's value: how a union picks the branch that encodes it. */
  accepts(value: unknown): boolean;
}

/** A node and the example JSON of the sample it was inferred from. */
export interface InferredSample {
  readonly node: SampleNode;
  readonly example: JsonValue;
}
