const JSON_TEXT = Symbol.for('inferschema.jsonText');

/**
 * A result already written as JSON text, by a parameter type that can write its values directly (see
 * `ParameterType.encodeText`): the host sends `text` as it is, with no JSON value built and no second
 * serialization.
 *
 * @example
 * const result = await script.invoke(body, { jsonText: true });
 * const text = isJsonText(result) ? result.text : stringifyJson(result);
 */
export class JsonText {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
    Object.defineProperty(this, JSON_TEXT, { value: true });
  }
}

/** True for a {@link JsonText}, also one made by another copy of this package. */
export function isJsonText(value: unknown): value is JsonText {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[JSON_TEXT] === true;
}
