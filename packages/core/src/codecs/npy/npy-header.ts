import { BodyFormatError } from '../body-format-error.js';

/** What a `.npy` header says about the array after it. */
export interface NpyHeader {
  readonly version: 1 | 2 | 3;
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Where the data starts in the body. */
  readonly dataOffset: number;
}

/** numpy's own limit on a header it reads (`max_header_size`), which bounds the work a header can ask for. */
export const MAX_HEADER_BYTES = 10_000;
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function headerError(message: string): BodyFormatError {
  return new BodyFormatError('npy.header', `.npy header ${message}`);
}

/** A reader of the Python literal numpy writes: `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`. */
class Literal {
  #at = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.#at >= this.text.length;
  }

  skipSpace(): void {
    while (this.#at < this.text.length && ' \t\r\n'.includes(this.text[this.#at]!)) this.#at++;
  }

  peek(): string | undefined {
    this.skipSpace();
    return this.text[this.#at];
  }

  expect(char: string): void {
    if (this.peek() !== char) throw headerError(`is not numpy's dictionary: expected '${char}' at character ${this.#at}`);
    this.#at++;
  }

  /** Consumes `char` if it comes next. */
  accept(char: string): boolean {
    if (this.peek() !== char) return false;
    this.#at++;
    return true;
  }

  string(): string {
    const quote = this.peek();
    if (quote !== "'" && quote !== '"') throw headerError(`is not numpy's dictionary: expected a string at character ${this.#at}`);
    const end = this.text.indexOf(quote, this.#at + 1);
    if (end < 0) throw headerError('has an unterminated string');
    const value = this.text.slice(this.#at + 1, end);
    this.#at = end + 1;
    return value;
  }

  word(): string {
    this.skipSpace();
    const match = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.#at, this.#at + 32));
    if (!match) throw headerError(`is not numpy's dictionary: unexpected '${this.text[this.#at] ?? 'end'}' at character ${this.#at}`);
    this.#at += match[0].length;
    return match[0];
  }
}

function readBoolean(literal: Literal): boolean {
  const word = literal.word();
  if (word !== 'True' && word !== 'False') throw headerError(`fortran_order must be True or False, not ${word}`);
  return word === 'True';
}

function readShape(literal: Literal): number[] {
  literal.expect('(');
  const shape: number[] = [];
  while (!literal.accept(')')) {
    const word = literal.word().replace(/L$/, '');
    const size = /^\d+$/.test(word) ? Number(word) : NaN;
    if (!Number.isSafeInteger(size)) throw headerError(`shape has '${word}', which is not a dimension size`);
    if (shape.length === 64) throw headerError('shape has more than 64 dimensions');
    shape.push(size);
    if (!literal.accept(',')) {
      literal.expect(')');
      break;
    }
  }
  return shape;
}

function readDictionary(text: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const literal = new Literal(text);
  const seen = new Map<string, unknown>();
  literal.expect('{');
  while (!literal.accept('}')) {
    const key = literal.string();
    literal.expect(':');
    if (seen.has(key)) throw headerError(`has '${key}' twice`);
    if (key === 'descr') {
      if (literal.peek() === '[') throw new BodyFormatError('npy.dtype', '.npy dtype is structured (a list of fields), which has no ndarray form here');
      seen.set(key, literal.string());
    } else if (key === 'fortran_order') seen.set(key, readBoolean(literal));
    else if (key === 'shape') seen.set(key, readShape(literal));
    else throw headerError(`has the key '${key}'; numpy writes only descr, fortran_order and shape`);
    if (!literal.accept(',')) {
      literal.expect('}');
      break;
    }
  }
  literal.skipSpace();
  if (!literal.done) throw headerError('has characters after its dictionary');
  for (const key of ['descr', 'fortran_order', 'shape']) if (!seen.has(key)) throw headerError(`has no '${key}'`);
  return { descr: seen.get('descr') as string, fortranOrder: seen.get('fortran_order') as boolean, shape: seen.get('shape') as number[] };
}

function asciiText(bytes: Uint8Array, start: number, end: number, utf8: boolean): string {
  if (utf8) return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(start, end));
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/**
 * Reads the preamble and header of a `.npy` body (format versions 1.0, 2.0 and 3.0): magic, version, header
 * length, and the dictionary. Reads nothing past the body and at most {@link MAX_HEADER_BYTES} of header.
 *
 * @throws BodyFormatError `npy.magic`, `npy.version` or `npy.header`.
 */
export function readNpyHeader(bytes: Uint8Array): NpyHeader {
  if (bytes.length < 8 || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw new BodyFormatError('npy.magic', 'the body is not a .npy array: it does not start with \\x93NUMPY');
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if ((major !== 1 && major !== 2 && major !== 3) || minor !== 0) {
    throw new BodyFormatError('npy.version', `.npy format version ${major}.${minor} is not supported (1.0, 2.0 and 3.0 are)`);
  }
  const lengthBytes = major === 1 ? 2 : 4;
  const start = 8 + lengthBytes;
  if (bytes.length < start) throw headerError(`is truncated: the body ends after ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, start);
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (length > MAX_HEADER_BYTES) throw headerError(`of ${length} bytes exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  if (bytes.length < start + length) throw headerError(`is truncated: it declares ${length} bytes, the body holds ${bytes.length - start}`);
  const text = asciiText(bytes, start, start + length, major === 3);
  if (!text.endsWith('\n')) throw headerError('does not end with a newline');
  const { descr, fortranOrder, shape } = readDictionary(text);
  return { version: major, descr, fortranOrder, shape, dataOffset: start + length };
}

/**
 * The preamble and header numpy would write for an array: version 1.0 (2.0 when the header outgrows 65,535
 * bytes), padded with spaces so the data starts on a 64-byte boundary.
 */
export function writeNpyHeader(descr: string, shape: readonly number[]): Uint8Array {
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dictionary = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${tuple}, }`;
  const version = dictionary.length + 11 > 0xffff ? 2 : 1;
  const preamble = version === 1 ? 10 : 12;
  const total = Math.ceil((preamble + dictionary.length + 1) / 64) * 64;
  const header = new Uint8Array(total);
  header.set(MAGIC);
  header[6] = version;
  header[7] = 0;
  const view = new DataView(header.buffer);
  if (version === 1) view.setUint16(8, total - preamble, true);
  else view.setUint32(8, total - preamble, true);
  const text = dictionary.padEnd(total - preamble - 1, ' ') + '\n';
  for (let i = 0; i < text.length; i++) header[preamble + i] = text.charCodeAt(i);
  return header;
}
