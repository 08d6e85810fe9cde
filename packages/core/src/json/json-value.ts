/**
 * A value that crosses the wire as JSON. `bigint` stands for an integer beyond ±2^53 that was parsed
 * exactly (see {@link parseJson}) or that must be written exactly (see {@link stringifyJson}).
 */
export type JsonValue = null | boolean | number | string | bigint | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: string keys to JSON values. */
export type JsonObject = { [key: string]: JsonValue };
