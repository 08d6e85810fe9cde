import { bodyCodecs } from '@inferschema/core/codecs';

/** The one media type of the JSON documents and the default of every operation. */
export const JSON_MEDIA_TYPE = 'application/json';

/** True for a media type whose body is the JSON schema's value (JSON and `+json` types). */
export function isJsonMediaType(mediaType: string): boolean {
  return bodyCodecs.forMediaType(mediaType)?.codec.carries === 'parameters';
}

/** What a binary body of `/score` holds, for the schema that stands for it (the body is a file). */
export function binaryBodyDescription(mediaType: string, side: 'input' | 'output'): string {
  const codec = bodyCodecs.forMediaType(mediaType)?.codec.name;
  const what = codec === 'npy' ? 'a numpy .npy array (numpy.save)' : codec === 'arrow' ? 'an Arrow IPC table' : `a ${mediaType} body`;
  return side === 'input'
    ? `The script's single input as ${what}, checked against its sample (ServiceInput describes its JSON form).`
    : `The result as ${what} (ServiceOutput describes its JSON form).`;
}
