import type { LoadedScript } from '@inferschema/core/runtime';
import { bodyCodecs, JSON_CHOICE, requestMediaTypes, responseMediaTypes, type BodyFormats, type CodecChoice } from '@inferschema/core/codecs';
import Negotiator from 'negotiator';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';

/** JSON both ways: the formats of nearly every request, one object for all of them. */
const JSON_FORMATS: BodyFormats = Object.freeze({ request: JSON_CHOICE, response: JSON_CHOICE });

/** True when both sides are JSON: the route's own path (the reference server's messages), untouched. */
export function isJsonOnly(formats: BodyFormats): boolean {
  return formats.request.codec === JSON_CHOICE.codec && formats.response.codec === JSON_CHOICE.codec;
}

/**
 * How a `schema` script's `/score` picks body formats from the codec registry: the decoder by `Content-Type`
 * (415 listing the accepted types otherwise), the encoder by `Accept` through `negotiator` (JSON without an
 * `Accept`, 406 listing the available types when none is acceptable). The lists are read once per script.
 *
 * @example
 * const formats = scoreFormatsOf(script);
 * const chosen = formats.choose('application/x-npy', 'application/x-npy, application/json;q=0.5');
 * const result = await invokeInFormats(script, chosen, { bytes: body }); // @inferschema/core/codecs
 */
export function scoreFormatsOf(script: LoadedScript) {
  const accepted = requestMediaTypes(script);
  const available = responseMediaTypes(script);
  const jsonOnly = accepted.length === 1;
  // What negotiator answers for any type (star/star) is the first available one: JSON when the script lists it first.
  const anyIsJson = available[0] === JSON_CHOICE.mediaType;
  const jsonAnswers = available.includes(JSON_CHOICE.mediaType);
  // The `Accept` values whose answer is JSON without asking negotiator: none, any type, `application/json`.
  const acceptsJson = (accept: string | undefined) =>
    accept === undefined || accept === '' || (accept === '*/*' && anyIsJson) || (accept === 'application/json' && jsonAnswers);
  const takesJson = accepted.includes(JSON_CHOICE.mediaType);

  function requestFormat(contentType: string | undefined): CodecChoice {
    const chosen = contentType === undefined ? undefined : bodyCodecs.forMediaType(contentType);
    if (chosen && accepted.includes(chosen.mediaType)) return chosen;
    throw new HttpError(415, jsonOnly ? MESSAGES.expectsJson : MESSAGES.unsupportedMediaType(accepted));
  }

  function responseFormat(accept: string | undefined): CodecChoice {
    if (accept === undefined || accept === '') return JSON_CHOICE;
    const mediaType = new Negotiator({ headers: { accept } }).mediaType(available);
    if (mediaType === undefined) throw new HttpError(406, MESSAGES.notAcceptable(available));
    return bodyCodecs.forMediaType(mediaType)!;
  }

  return {
    /** The formats of a POST (`contentType` picks the decoder) or a GET (`contentType` undefined: JSON from the query). */
    choose(contentType: string | undefined, accept: string | undefined, get = false): BodyFormats {
      // The common case, decided by comparing strings: JSON in, JSON out.
      if ((get || (contentType === 'application/json' && takesJson)) && acceptsJson(accept)) return JSON_FORMATS;
      return { request: get ? JSON_CHOICE : requestFormat(contentType), response: responseFormat(accept) };
    },
  };
}

/** What `scoreFormatsOf` returns. */
export type ScriptFormats = ReturnType<typeof scoreFormatsOf>;
