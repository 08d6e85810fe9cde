// Bad .npy bodies: each is a BodyFormatError with its code and a message naming the problem; the body is
// never changed, nothing past it is read, and a fuzzer (fixed seed) finds no other way to fail.
import { NdArrayParameterType } from '@inferschema/core';
import { BodyFormatError, npyCodec, writeNpy, type BodyFormatProblem } from '@inferschema/core/codecs';
import fc from 'fast-check';
import ndarray from 'ndarray';

const features: NdArrayParameterType = new NdArrayParameterType(ndarray(new Float64Array(3), [1, 3]));
const loose = new NdArrayParameterType(ndarray(new Float64Array(3), [1, 3]), { enforceDtype: false, enforceShape: false });

/** A .npy body with this header text (padded as numpy pads it) and these data bytes. */
function npy(header: string, data: Uint8Array = new Uint8Array(0), version = 1): Uint8Array {
  const preamble = version === 1 ? 10 : 12;
  const total = Math.ceil((preamble + header.length + 1) / 64) * 64;
  const text = header.padEnd(total - preamble - 1, ' ') + '\n';
  const bytes = new Uint8Array(total + data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(bytes.buffer);
  if (version === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  bytes.set(new TextEncoder().encode(text), preamble);
  bytes.set(data, total);
  return bytes;
}

function floats(count: number): Uint8Array {
  return new Uint8Array(new Float64Array(count).fill(1.5).buffer);
}

function rejected(bytes: Uint8Array, type = features): BodyFormatError {
  const before = bytes.slice();
  let caught: unknown;
  try {
    npyCodec.decode(bytes, type);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BodyFormatError);
  expect(bytes).toEqual(before);
  return caught as BodyFormatError;
}

function expectProblem(bytes: Uint8Array, code: BodyFormatProblem, message: string, type = features): void {
  const error = rejected(bytes, type);
  expect({ code: error.code, message: error.errors[0]!.message }).toEqual({ code, message });
}

describe('npyCodec: bad bodies', () => {
  const good = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";

  it('reads a well-formed body', () => {
    expect((npyCodec.decode(npy(good, floats(6)), features) as ndarray.NdArray).shape).toEqual([2, 3]);
  });

  it('names a body that is not .npy, or of another version', () => {
    expectProblem(new TextEncoder().encode('[[1, 2, 3]]'), 'npy.magic', 'the body is not a .npy array: it does not start with \\x93NUMPY');
    expectProblem(new Uint8Array(0), 'npy.magic', 'the body is not a .npy array: it does not start with \\x93NUMPY');
    const v4 = npy(good, floats(6));
    v4[6] = 4;
    expectProblem(v4, 'npy.version', '.npy format version 4.0 is not supported (1.0, 2.0 and 3.0 are)');
  });

  it('names truncated and oversized headers without reading or allocating for them', () => {
    const body = npy(good, floats(6));
    expectProblem(body.subarray(0, 9), 'npy.header', '.npy header is truncated: the body ends after 9 bytes');
    expectProblem(body.subarray(0, 40), 'npy.header', '.npy header is truncated: it declares 118 bytes, the body holds 30');
    const huge = npy(good, floats(6), 2);
    new DataView(huge.buffer).setUint32(8, 0xffffffff, true);
    expectProblem(huge, 'npy.header', '.npy header of 4294967295 bytes exceeds the 10000-byte limit');
    expectProblem(npy(good.slice(0, -3)), 'npy.header', ".npy header is not numpy's dictionary: expected '}' at character 118");
    expectProblem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'x': 1, }"), 'npy.header', ".npy header has the key 'x'; numpy writes only descr, fortran_order and shape");
    expectProblem(npy("{'descr': '<f8', 'shape': (2, 3), }"), 'npy.header', ".npy header has no 'fortran_order'");
    expectProblem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3), }"), 'npy.header', ".npy header is not numpy's dictionary: unexpected '-' at character 54");
  });

  it('names a shape that does not match the data length, either way, before allocating for it', () => {
    expectProblem(npy(good, floats(5)), 'npy.size', ".npy data is truncated: shape (2, 3) of '<f8' needs 48 bytes, the body holds 40");
    expectProblem(npy(good, floats(600)), 'npy.size', ".npy body has 4752 bytes after the data of shape (2, 3) of '<f8'");
    const absent = "{'descr': '<f8', 'fortran_order': False, 'shape': (4000000000, 3), }";
    expectProblem(npy(absent, floats(6)), 'npy.size', ".npy data is truncated: shape (4000000000, 3) of '<f8' needs 96000000000 bytes, the body holds 48");
    const overflow = "{'descr': '<f8', 'fortran_order': False, 'shape': (9007199254740991, 9007199254740991), }";
    expect(rejected(npy(overflow, floats(6))).code).toBe('npy.size');
  });

  it('names unsupported dtypes: object, structured, complex, float16, byte strings, calendar datetimes', () => {
    const header = (descr: string) => `{'descr': ${descr}, 'fortran_order': False, 'shape': (1, 3), }`;
    expectProblem(npy(header("'|O'")), 'npy.dtype', ".npy dtype '|O' is not supported: object arrays hold Python objects");
    expectProblem(npy(header("[('a', '<f8'), ('b', '<i4')]")), 'npy.dtype', '.npy dtype is structured (a list of fields), which has no ndarray form here');
    expectProblem(npy(header("'<c16'")), 'npy.dtype', ".npy dtype '<c16' is not supported: complex numbers have no ndarray dtype here");
    expectProblem(npy(header("'<f2'")), 'npy.dtype', ".npy dtype '<f2' is not supported: float16 has no ndarray dtype here");
    expectProblem(npy(header("'|S4'")), 'npy.dtype', ".npy dtype '|S4' is not supported: no ndarray dtype matches it");
    expectProblem(npy(header("'<M8[M]'")), 'npy.dtype', ".npy dtype '<M8[M]' is not supported: datetime64 needs a fixed unit (W, D, h, m, s, ms, us or ns)");
  });

  it('checks dtype and shape against the sample before reading the data', () => {
    const ints = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }";
    expectProblem(npy(ints, new Uint8Array(24)), 'schema', ".npy array has dtype int32 ('<i4'), expected float64");
    expectProblem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 4), }", floats(8)), 'schema', '.npy array has shape (2, 4): dimension 1 must have size 3, like the sample\'s (1, 3)');
    expectProblem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", floats(6)), 'schema', '.npy array has 1 dimensions (shape (6)), expected 2');
    // enforceDtype / enforceShape off: the body's own dtype and sizes; the number of dimensions still counts.
    const decoded = npyCodec.decode(npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 5), }", new Uint8Array(40)), loose) as ndarray.NdArray;
    expect(decoded.data).toBeInstanceOf(Int32Array);
    expect(decoded.shape).toEqual([2, 5]);
    expectProblem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", floats(6)), 'schema', '.npy array has 1 dimensions (shape (6)), expected 2', loose);
  });

  it('reads a body at an unaligned offset by copying, without reading outside it', () => {
    const body = npy(good, floats(6));
    const padded = new Uint8Array(body.length + 3);
    padded.set(body, 1);
    const array = npyCodec.decode(padded.subarray(1, 1 + body.length), features) as ndarray.NdArray<Float64Array>;
    expect(Array.from(array.data)).toEqual([1.5, 1.5, 1.5, 1.5, 1.5, 1.5]);
  });
});

describe('npyCodec: fuzzing (fixed seed)', () => {
  const valid = writeNpy(ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]));
  const options = { seed: 20261203, numRuns: 3000 };

  /** Decoding either succeeds with an array of the body's size or fails with a BodyFormatError; never anything else. */
  function decodesOrNames(bytes: Uint8Array, type = loose): void {
    try {
      const array = npyCodec.decode(bytes, type) as ndarray.NdArray;
      expect(array.size).toBe(array.shape.reduce((a, b) => a * b, 1));
      expect(array.size * 8).toBeLessThanOrEqual(bytes.length);
    } catch (error) {
      if (!(error instanceof BodyFormatError)) throw error;
    }
  }

  it('survives random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => decodesOrNames(bytes)), options);
  });

  it('survives mutations, truncations and extensions of a valid body', () => {
    const mutation = fc.record({
      flips: fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      cut: fc.nat(valid.length + 40),
    });
    fc.assert(
      fc.property(mutation, ({ flips, cut }) => {
        const bytes = new Uint8Array(Math.max(cut, 0));
        bytes.set(valid.subarray(0, Math.min(cut, valid.length)));
        for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
        decodesOrNames(bytes);
        decodesOrNames(bytes, features);
      }),
      options,
    );
  });

  it('survives random headers in numpy\'s grammar', () => {
    const descr = fc.constantFrom("'<f8'", "'>i4'", "'|b1'", "'<U3'", "'<M8[s]'", "'|O'", "'<f8", "[('a', '<f8')]", "'x'");
    const shape = fc.array(fc.oneof(fc.nat(10), fc.constant(2 ** 40)), { maxLength: 4 }).map((dims) => `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`);
    const header = fc.tuple(descr, fc.constantFrom('True', 'False', '1'), shape).map(([d, f, s]) => `{'descr': ${d}, 'fortran_order': ${f}, 'shape': ${s}, }`);
    fc.assert(fc.property(header, fc.nat(200), (text, size) => decodesOrNames(npy(text, new Uint8Array(size)))), options);
  });
});
