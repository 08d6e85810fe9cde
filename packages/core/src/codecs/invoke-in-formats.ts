import type { InvokeContext, LoadedScript } from '../script/contract.js';
import { ScoringResponse } from '../script/scoring-response.js';
import type { CodecChoice } from './codec-registry.js';
import { decodeRequestBody, encodeResponseBody } from './request-body.js';

/** The body formats of one call: what its body is in, and what its result is written in. */
export interface BodyFormats {
  readonly request: CodecChoice;
  readonly response: CodecChoice;
}

/**
 * What {@link invokeInFormats} produced: the JSON value of `run`'s result (also a `ScoringResponse` of the
 * script's own, as it is), or the bytes of a binary format with its media type.
 */
export type FormattedResult = { readonly json: unknown } | { readonly bytes: Uint8Array; readonly mediaType: string };

/**
 * Runs a `schema` script on a body in any registered format and writes the result in the chosen one: the body
 * decoded by its codec (a JSON body is `json`, already parsed by the caller), `run` called through
 * `invokeDecoded`, its result encoded by the response codec (JSON through `encodeOutput`, with its output
 * validation). The server's `/score` and `inferschema run` both call it.
 *
 * @throws InputValidationError (a `BodyFormatError` for bytes the format cannot read), as `invoke` does.
 * @example
 * const formats = { request: bodyCodecs.forMediaType('application/x-npy')!, response: bodyCodecs.forMediaType('application/json')! };
 * const result = await invokeInFormats(script, formats, { bytes: npyBytes });
 * if ('json' in result) console.log(stringifyJson(result.json));
 */
export async function invokeInFormats(
  script: LoadedScript,
  formats: BodyFormats,
  body: { readonly json: unknown } | { readonly bytes: Uint8Array },
  context?: InvokeContext,
): Promise<FormattedResult> {
  const values = 'json' in body ? script.decodeInput(body.json) : decodeRequestBody(script, formats.request, body.bytes);
  const result = await script.invokeDecoded(values, context);
  if (result instanceof ScoringResponse || formats.response.codec.carries === 'parameters') return { json: script.encodeOutput(result) };
  return { bytes: encodeResponseBody(script, formats.response, result) as Uint8Array, mediaType: formats.response.mediaType };
}
