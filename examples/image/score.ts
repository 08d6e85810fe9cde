/**
 * A raw-HTTP entry script for images: POST the bytes of a PNG (`application/octet-stream` or `image/png`)
 * and get back its size, its mean colour and the palette colour nearest to it. GET returns the request path,
 * as in the Azure ML raw-HTTP example.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelInit, rawHttp, ScoringResponse, type ScoringRequest } from '@inferschema/core';
import { PNG } from 'pngjs';

interface PaletteColour {
  readonly name: string;
  readonly rgb: readonly [number, number, number];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The longest side accepted, in pixels. */
export const MAX_SIDE = 8192;
/** The most pixels accepted: 2048×2048, 16 MiB once decoded to RGBA. */
export const MAX_PIXELS = 2048 * 2048;
const IMAGE_TYPES = new Set(['application/octet-stream', 'image/png']);

let palette: readonly PaletteColour[] = [];

export const init = modelInit((modelDir: string) => {
  palette = (JSON.parse(readFileSync(join(modelDir, 'palette.json'), 'utf8')) as { colours: PaletteColour[] }).colours;
});

function problem(status: number, message: string): ScoringResponse {
  return new ScoringResponse({ message }, { status });
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function hex(channels: readonly number[]): string {
  return `#${channels.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** The mean of each RGBA channel over every pixel (pngjs decodes any PNG into 8-bit RGBA). */
function meanChannels(image: PNG): [number, number, number, number] {
  const sums = [0, 0, 0, 0];
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    for (let channel = 0; channel < 4; channel++) sums[channel]! += data[i + channel]!;
  }
  const pixels = image.width * image.height;
  return sums.map((sum) => sum / pixels) as [number, number, number, number];
}

function nearestColour(rgb: readonly number[]): { name: string; distance: number } {
  let best = { name: '', distance: Infinity };
  for (const colour of palette) {
    const distance = Math.hypot(...colour.rgb.map((value, index) => value - rgb[index]!));
    if (distance < best.distance) best = { name: colour.name, distance };
  }
  return { name: best.name, distance: round(best.distance) };
}

/**
 * Refuses an image too large to decode, from the size its header declares (the first chunk, IHDR: width and
 * height as big-endian 32-bit integers at bytes 16 and 20). A few hundred KB of compressed PNG can declare
 * 20000×20000 pixels, which the decoder would allocate (1.6 GB) and fill before anything else could run.
 */
function sizeProblem(bytes: Uint8Array): ScoringResponse | undefined {
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (header.length < 24 || header.toString('latin1', 12, 16) !== 'IHDR') return undefined; // the decoder reports it
  const width = header.readUInt32BE(16);
  const height = header.readUInt32BE(20);
  if (width <= MAX_SIDE && height <= MAX_SIDE && width * height <= MAX_PIXELS) return undefined;
  return problem(400, `The PNG image is ${width}×${height} pixels: at most ${MAX_SIDE} per side and ${MAX_PIXELS} in all are accepted`);
}

function describeImage(bytes: Uint8Array): ScoringResponse | object {
  if (bytes.length === 0) return problem(400, 'The body is empty: send the bytes of a PNG image');
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    return problem(400, 'The body is not a PNG image: it does not start with the PNG signature');
  }
  const tooLarge = sizeProblem(bytes);
  if (tooLarge) return tooLarge;
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  } catch (error) {
    return problem(400, `The PNG image could not be decoded: ${(error as Error).message}`);
  }
  const [red, green, blue, alpha] = meanChannels(image);
  return {
    width: image.width,
    height: image.height,
    meanColour: { red: round(red), green: round(green), blue: round(blue), alpha: round(alpha) },
    hex: hex([red, green, blue]),
    nearestColour: nearestColour([red, green, blue]),
  };
}

export const run = rawHttp((request: ScoringRequest) => {
  if (request.method === 'GET') return new ScoringResponse(request.url, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (request.method !== 'POST') return problem(405, `${request.method} is not supported: POST a PNG image, or GET`);
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!IMAGE_TYPES.has(type)) {
    return problem(415, `Expects Content-Type application/octet-stream or image/png, not ${type === '' ? 'none' : type}`);
  }
  return describeImage(request.body);
});
