import { BodyFormatError } from '../body-format-error.js';
import { checkFooterMetadata, checkMessageMetadata, MessageHeader } from './metadata-bounds.js';

const FILE_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // ARROW1

function framing(message: string): BodyFormatError {
  return new BodyFormatError('arrow.framing', `Arrow IPC ${message}`);
}

function startsWithMagic(bytes: Uint8Array, at: number): boolean {
  return bytes.length >= at + 6 && FILE_MAGIC.every((byte, i) => bytes[at + i] === byte);
}

/** True when a body starts like an Arrow IPC file (`ARROW1`) rather than a stream. */
export function isArrowFile(bytes: Uint8Array): boolean {
  return startsWithMagic(bytes, 0);
}

/**
 * Walks the messages of an Arrow IPC stream (each a length-prefixed flatbuffer and a body) without reading
 * their contents, and returns where the stream ends: at its end-of-stream marker, or at the end of the bytes
 * when a message ends exactly there. Only lengths are read, each checked against the bytes left first.
 *
 * @throws BodyFormatError `arrow.framing` for a stream cut inside a message or followed by other bytes.
 */
export function streamLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let messages = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw framing(`stream is cut inside the length of message ${messages}`);
    let prefix = 4;
    let length = view.getInt32(at, true);
    if (length === -1) {
      if (at + 8 > bytes.length) throw framing(`stream is cut inside the length of message ${messages}`);
      prefix = 8;
      length = view.getInt32(at + 4, true);
    }
    if (length === 0) {
      const end = at + prefix;
      if (end < bytes.length) throw framing(`stream has ${bytes.length - end} bytes after its end-of-stream marker`);
      return end;
    }
    if (length < 0 || at + prefix + length > bytes.length) {
      throw framing(`stream is cut inside message ${messages}: its metadata needs ${length} bytes, ${bytes.length - at - prefix} are left`);
    }
    const { headerType, bodyLength: body } = checkMessageMetadata(bytes.subarray(at + prefix, at + prefix + length));
    const start = at + prefix + length;
    if (!Number.isSafeInteger(body) || body < 0 || start + body > bytes.length) {
      const kind = MessageHeader[headerType] ?? 'unknown';
      throw framing(`stream is cut inside ${kind} message ${messages}: its body needs ${body} bytes, ${bytes.length - start} are left`);
    }
    at = start + body;
    messages++;
  }
  return at;
}

/**
 * Checks the framing of an Arrow IPC file: `ARROW1` at both ends, and a footer length that fits between them.
 *
 * @throws BodyFormatError `arrow.framing`.
 */
export function checkFileFraming(bytes: Uint8Array): void {
  const end = bytes.length;
  if (end < 18 || !startsWithMagic(bytes, end - 6)) throw framing('file is truncated: it does not end with ARROW1');
  const footer = new DataView(bytes.buffer, bytes.byteOffset + end - 10, 4).getInt32(0, true);
  const footerStart = end - 10 - footer;
  if (footer <= 0 || footerStart < 8) throw framing(`file has a footer length of ${footer}, which does not fit in its ${end} bytes`);
  for (const block of checkFooterMetadata(bytes.subarray(footerStart, end - 10))) {
    const { kind, offset, metadataLength, bodyLength } = block;
    if (!(offset >= 8 && metadataLength >= 8 && bodyLength >= 0 && offset + metadataLength + bodyLength <= footerStart)) {
      throw framing(`file lists a block at ${offset} of ${metadataLength} + ${bodyLength} bytes, outside its ${footerStart} bytes of messages`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, metadataLength);
    const prefix = view.getInt32(0, true) === -1 ? 8 : 4;
    const length = view.getInt32(prefix - 4, true);
    if (length < 0 || prefix + length > metadataLength) throw framing(`file lists a block at ${offset} whose message does not fit in it`);
    // apache-arrow's file reader retries a block that holds another kind of message forever.
    const message = checkMessageMetadata(bytes.subarray(offset + prefix, offset + prefix + length));
    if (message.headerType !== kind || offset + metadataLength + message.bodyLength > footerStart) {
      throw framing(`file lists a ${MessageHeader[kind]} block at ${offset} that holds a ${MessageHeader[message.headerType] ?? 'unknown'} message of ${message.bodyLength} body bytes`);
    }
  }
}
