// .npy bodies written by numpy itself (Debian's python3-numpy): every dtype the codec reads, both byte
// orders, Fortran order, format versions 1.0 to 3.0, 0-d and empty arrays; and our own output read back by numpy.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NdArrayParameterType, type NdArray, type NdArrayDType } from '@inferschema/core';
import { BodyFormatError, npyCodec, readNpy, writeNpy } from '@inferschema/core/codecs';
import ndarray from 'ndarray';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SCRIPT = join(HERE, 'numpy-files.py');
const INSTALL = fileURLToPath(new URL('../../../../scripts/install-debian.sh', import.meta.url));

interface Expected {
  readonly descr: string;
  readonly shape: number[];
  readonly fortran: boolean;
  readonly values: unknown[];
}

const DTYPES: Readonly<Record<string, NdArrayDType>> = {
  i1: 'int8', i2: 'int16', i4: 'int32', i8: 'int64', u1: 'uint8', u2: 'uint16', u4: 'uint32', u8: 'uint64', f4: 'float32', f8: 'float64', b1: 'bool',
};

function dtypeOf(descr: string): NdArrayDType {
  if (descr.slice(1, 2) === 'U') return 'string';
  if (descr.slice(1, 2) === 'M') return 'datetime64';
  return DTYPES[descr.slice(1)]!;
}

/** Element values in the form numpy-files.py prints them (integers and dates as strings). */
function comparable(array: NdArray, descr: string): unknown[] {
  const integers = /^[<>|][iu]/.test(descr);
  const size = array.shape.reduce((a, b) => a * b, 1);
  const data = array.data as ArrayLike<unknown>;
  return Array.from({ length: size }, (_, i) => {
    const value = array.shape.length === 0 ? array.get() : data[array.offset + i];
    return value instanceof Date ? String(value.getTime()) : integers ? String(value) : value;
  });
}

/** A parameter type whose sample has the file's dtype and shape after the batch dimension. */
function typeFor(dtype: NdArrayDType, shape: readonly number[]): NdArrayParameterType {
  const sampleShape = [1, ...shape.slice(1)];
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const values = dtype === 'bool' ? Array(size).fill(true) : dtype === 'string' ? Array(size).fill('x') : dtype === 'datetime64' ? Array(size).fill(new Date(0)) : undefined;
  if (values) return new NdArrayParameterType(ndarray(values, sampleShape), { dtype } as never) as NdArrayParameterType;
  const Typed = { int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array, uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array, float32: Float32Array, float64: Float64Array }[dtype as 'int8']!;
  return new NdArrayParameterType(ndarray(new Typed(size), sampleShape)) as NdArrayParameterType;
}

let dir: string;
let manifest: Record<string, Expected>;

// Child processes are awaited, not run with execFileSync: this thread's event loop keeps turning (apt-get on a
// fresh machine takes minutes; see test/support/event-loop-turns.ts).
const run = promisify(execFile);

beforeAll(async () => {
  process.stdout.write((await run('sh', [INSTALL, 'python3-numpy'], { maxBuffer: 64 * 1024 * 1024 })).stdout);
  dir = mkdtempSync(join(tmpdir(), 'inferschema-npy-'));
  await run('python3', [SCRIPT, 'write', dir]);
  manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, Expected>;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function numpyRead(paths: string[]): Promise<Record<string, { descr: string; shape: number[]; values: unknown[] }>> {
  return JSON.parse((await run('python3', [SCRIPT, 'read', ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout) as never;
}

describe('.npy files written by numpy', () => {
  it('covers every dtype, both byte orders, Fortran order, every version, 0-d and empty arrays', () => {
    const names = Object.keys(manifest);
    expect(names.length).toBeGreaterThan(30);
    const descrs = new Set(Object.values(manifest).map((entry) => entry.descr));
    for (const descr of ['<f8', '>f8', '<f4', '>f4', '|i1', '|u1', '|b1', '<i8', '>i8', '<u8', '>u8', '<U5', '>U3', '<M8[ns]', '<M8[D]']) expect(descrs).toContain(descr);
    expect(Object.values(manifest).some((entry) => entry.fortran)).toBe(true);
  });

  it('reads each one to numpy\'s own shape and values, in row-major order', () => {
    for (const [name, expected] of Object.entries(manifest)) {
      const array = readNpy(readFileSync(join(dir, `${name}.npy`)));
      expect(array.shape, name).toEqual(expected.shape);
      expect(comparable(array, expected.descr), name).toEqual(expected.values);
    }
  });

  it('decodes each one through a parameter type of its dtype and shape (0-d: a dimension error)', () => {
    for (const [name, expected] of Object.entries(manifest)) {
      const bytes = readFileSync(join(dir, `${name}.npy`));
      const dtype = dtypeOf(expected.descr);
      if (expected.shape.length === 0) {
        const type = typeFor(dtype, [1]);
        expect(() => npyCodec.decode(bytes, type)).toThrow(BodyFormatError);
        expect(() => npyCodec.decode(bytes, type)).toThrow('.npy array has 0 dimensions (shape ()), expected 1');
        continue;
      }
      const array = npyCodec.decode(bytes, typeFor(dtype, expected.shape)) as NdArray;
      expect(array.shape, name).toEqual(expected.shape);
      expect(comparable(array, expected.descr), name).toEqual(expected.values);
    }
  });

  it('views the body without copying when the data is aligned, little-endian and row-major', () => {
    const bytes = readFileSync(join(dir, 'float64-le.npy'));
    const aligned = new Uint8Array(bytes.length);
    aligned.set(bytes);
    const array = npyCodec.decode(aligned, typeFor('float64', [2, 3, 4])) as NdArray<Float64Array>;
    expect(array.data.buffer).toBe(aligned.buffer);
    const big = npyCodec.decode(readFileSync(join(dir, 'float64-be.npy')), typeFor('float64', [4, 6])) as NdArray<Float64Array>;
    expect(big.data).toBeInstanceOf(Float64Array);
  });

  it('writes arrays numpy reads back with the same dtype, shape and values', async () => {
    const paths: string[] = [];
    const expectations = new Map<string, Expected>();
    for (const [name, expected] of Object.entries(manifest)) {
      const array = readNpy(readFileSync(join(dir, `${name}.npy`)));
      const path = join(dir, `ours-${name}.npy`);
      writeFileSync(path, writeNpy(array, dtypeOf(expected.descr)));
      paths.push(path);
      expectations.set(path, expected);
    }
    const read = await numpyRead(paths);
    for (const path of paths) {
      const expected = expectations.get(path)!;
      // Ours are little-endian; dates in milliseconds; strings as long as the longest one.
      const longest = Math.max(1, ...expected.values.map((value) => [...String(value)].length));
      const descr = expected.descr.includes('M8') ? '<M8[ms]' : expected.descr.includes('U') ? `<U${longest}` : expected.descr.replace('>', '<');
      expect(read[path]!.descr, path).toBe(descr);
      expect(read[path]!.shape, path).toEqual(expected.shape);
      expect(read[path]!.values, path).toEqual(expected.values);
    }
  });

  it('writes views (transposed, sliced) as they look', async () => {
    const base = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    const path = join(dir, 'ours-transposed.npy');
    writeFileSync(path, writeNpy(base.transpose(1, 0)));
    expect((await numpyRead([path]))[path]).toEqual({ descr: '<f8', shape: [3, 2], values: [1, 4, 2, 5, 3, 6] });
  });
});
