import { isUtf8 } from 'node:buffer';

/** Why a byte sequence is not UTF-8, worded as Python's codec error (the reference server's message). */
function utf8Problem(bytes: Uint8Array): string {
  for (let index = 0; index < bytes.length; ) {
    const lead = bytes[index]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    const at = (reason: string) => `'utf-8' codec can't decode byte 0x${lead.toString(16).padStart(2, '0')} in position ${index}: ${reason}`;
    if (length === 0) return at('invalid start byte');
    for (let offset = 1; offset < length; offset += 1) {
      const next = bytes[index + offset];
      if (next === undefined) return at('unexpected end of data');
      const low = offset === 1 && lead === 0xe0 ? 0xa0 : offset === 1 && lead === 0xf0 ? 0x90 : 0x80;
      const high = offset === 1 && lead === 0xed ? 0x9f : offset === 1 && lead === 0xf4 ? 0x8f : 0xbf;
      if (next < low || next > high) return at('invalid continuation byte');
    }
    index += length;
  }
  return 'invalid UTF-8';
}

/** The outcome of {@link decodeUtf8}: the text, or why the bytes are not UTF-8. */
export type Utf8Result = { readonly text: string } | { readonly problem: string };

/**
 * Decodes a request body as strict UTF-8. Valid bodies take Node's native check and decoder; an invalid one
 * is scanned once more to say where and why, e.g. `'utf-8' codec can't decode byte 0xff in position 0:
 * invalid start byte`.
 *
 * @example
 * decodeUtf8(Buffer.from([0x68, 0xe9])); // { problem: "'utf-8' codec can't decode byte 0xe9 in position 1: unexpected end of data" }
 */
export function decodeUtf8(bytes: Buffer): Utf8Result {
  return isUtf8(bytes) ? { text: bytes.toString('utf8') } : { problem: utf8Problem(bytes) };
}
