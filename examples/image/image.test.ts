import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describeChecks, expectHealthy, healthChecksDuring } from '../../test/support/health-checks.js';
import { requestBytes, serveExample, type ServedExample } from '../support/serve-example.js';

/** Builds a PNG from RGBA pixels, row by row. */
function pngOf(width: number, height: number, pixels: readonly (readonly number[])[], colorType: 2 | 6 = 6): Buffer {
  const image = new PNG({ width, height, colorType, inputColorType: 6, inputHasAlpha: true });
  pixels.forEach((pixel, index) => image.data.set(pixel, index * 4));
  return PNG.sync.write(image, { colorType, inputColorType: 6, inputHasAlpha: true });
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

const SWATCH = [
  [20, 140, 140, 255], [30, 150, 130, 255], [10, 130, 150, 255], [25, 145, 135, 255],
  [0, 120, 120, 255], [40, 160, 160, 255], [20, 140, 140, 255], [15, 135, 145, 255],
];

let served: ServedExample;
beforeAll(async () => {
  served = await serveExample('image');
});
afterAll(() => served.close());

function post(body: Uint8Array | string, contentType?: string): Promise<Response> {
  return fetch(`${served.url}/score`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
}

describe('image example: PNG bytes in, size and mean colour out', () => {
  it('describes requests/swatch.png, a 4×2 teal swatch', async () => {
    const response = await post(requestBytes('image', 'swatch.png'), 'application/octet-stream');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const channel = (index: number) => Math.round(mean(SWATCH.map((pixel) => pixel[index]!)) * 1000) / 1000;
    const [red, green, blue] = [channel(0), channel(1), channel(2)];
    // The palette's teal centroid is [20, 140, 140].
    const distance = Math.round(Math.hypot(red - 20, green - 140, blue - 140) * 1000) / 1000;
    expect(await response.json()).toEqual({
      width: 4,
      height: 2,
      meanColour: { red, green, blue, alpha: 255 },
      hex: '#148c8c',
      nearestColour: { name: 'teal', distance },
    });
    expect([red, green, blue]).toEqual([20, 140, 140]);
  });

  it('decodes an RGB image without alpha, sent as image/png', async () => {
    const pixels = [[250, 0, 0, 255], [200, 60, 80, 255], [210, 30, 40, 255]];
    const response = await post(pngOf(3, 1, pixels, 2), 'image/png');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      width: 3,
      height: 1,
      meanColour: { red: 220, green: 30, blue: 40, alpha: 255 },
      hex: '#dc1e28',
      nearestColour: { name: 'red', distance: 0 },
    });
  });

  it('averages the alpha channel too, and rounds the means to three decimals', async () => {
    const pixels = [[0, 0, 0, 0], [255, 255, 255, 255], [255, 255, 255, 128]];
    const response = await post(pngOf(1, 3, pixels), 'application/octet-stream');
    const body = (await response.json()) as { meanColour: unknown; nearestColour: { name: string } };
    expect(body.meanColour).toEqual({ red: 170, green: 170, blue: 170, alpha: 127.667 });
    expect(body.nearestColour.name).toBe('grey');
  });

  it('answers GET with the request path and query, as text', async () => {
    const response = await fetch(`${served.url}/score?size=2&mode=fast`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('/score?size=2&mode=fast');
  });

  it('rejects a body that is not a PNG with 400', async () => {
    const response = await post('GIF89a, not a PNG at all', 'application/octet-stream');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'The body is not a PNG image: it does not start with the PNG signature' });
  });

  it('rejects a truncated PNG with 400 and the decoder\'s reason', async () => {
    const truncated = pngOf(2, 2, SWATCH.slice(0, 4)).subarray(0, 40);
    const response = await post(truncated, 'application/octet-stream');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'The PNG image could not be decoded: There are some read requests waitng on finished stream' });
  });

  it('rejects an empty body with 400', async () => {
    const response = await post(new Uint8Array(0), 'application/octet-stream');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'The body is empty: send the bytes of a PNG image' });
  });

  it('rejects other content types with 415', async () => {
    const response = await post(requestBytes('image', 'swatch.png'), 'text/plain');
    expect(response.status).toBe(415);
    expect(response.headers.get('x-ms-run-function-failed')).toBe('False');
    expect(await response.json()).toEqual({ message: 'Expects Content-Type application/octet-stream or image/png, not text/plain' });
  });

  it('rejects a POST without a content type with 415', async () => {
    const response = await fetch(`${served.url}/score`, { method: 'POST', body: new Uint8Array(requestBytes('image', 'swatch.png')) });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ message: 'Expects Content-Type application/octet-stream or image/png, not none' });
  });

  it('answers other methods the script receives with 405', async () => {
    const response = await fetch(`${served.url}/score`, { method: 'OPTIONS' });
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ message: 'OPTIONS is not supported: POST a PNG image, or GET' });
  });

  it('refuses PNGs declaring 20000×20000 pixels with 400 before decoding them: fast, no memory taken, every health check within 100 ms, a valid image meanwhile answered', async () => {
    const bomb = declaredPng(20_000, 20_000);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    // Ten bombs in a row beside a well-behaved client; the server runs in this process.
    const attack = Promise.all([
      (async () => {
        const answers: Response[] = [];
        for (let sent = 0; sent < 10; sent += 1) answers.push(await post(bomb, 'image/png'));
        return answers;
      })(),
      post(requestBytes('image', 'swatch.png'), 'image/png'),
    ]);
    const { result: [answers, valid], checks } = await healthChecksDuring(served.url, process.pid, attack);
    console.log(`image bombs: ${(performance.now() - started).toFixed(0)} ms for 10, ${describeChecks(checks)}`);
    for (const response of answers) {
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        message: 'The PNG image is 20000×20000 pixels: at most 8192 per side and 4194304 in all are accepted',
      });
    }
    expect(valid.status).toBe(200);
    expect(await valid.json()).toMatchObject({ width: 4, height: 2 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expectHealthy(checks);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('applies the per-side and the total limits; an image within both is decoded', async () => {
    for (const [width, height] of [[8193, 1], [1, 8193], [4097, 1025]]) {
      const response = await post(declaredPng(width!, height!), 'application/octet-stream');
      expect(response.status, `${width}×${height}`).toBe(400);
    }
    const wide = await post(pngOf(8192, 1, []), 'image/png');
    expect(wide.status).toBe(200);
    expect(await wide.json()).toMatchObject({ width: 8192, height: 1 });
  });
});

/**
 * A PNG whose header declares `width`×`height` RGB pixels, with one compressed row of data: what the decoder
 * would allocate follows the header, not the bytes sent.
 */
function declaredPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = deflateSync(Buffer.alloc(Math.min(width, 65_536) * 3 + 1));
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
