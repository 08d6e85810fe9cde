import { OipError, readJsonTensor, readRawTensor, writeJsonTensor, writeRawTensor } from '@inferschema/core/protocols/oip';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OipError);
    expect((error as OipError).code).toBe('invalid-argument');
    return (error as Error).message;
  }
  throw new Error('expected an OipError');
}

const X = "input 'x'";

describe('raw tensor bytes (binary extension, raw_input_contents)', () => {
  it('are a view of the request bytes when aligned, one copy otherwise', () => {
    const body = new Uint8Array(4 + 8 + 3);
    new DataView(body.buffer).setFloat32(4, 1.5, true);
    new DataView(body.buffer).setFloat32(8, -2, true);
    const aligned = readRawTensor(body.subarray(4, 12), 'FP32', 2, X) as Float32Array;
    expect(Array.from(aligned)).toEqual([1.5, -2]);
    expect(aligned.buffer).toBe(body.buffer);
    const shifted = new Uint8Array(9);
    shifted.set(body.subarray(4, 12), 1);
    const copied = readRawTensor(shifted.subarray(1), 'FP32', 2, X) as Float32Array;
    expect(Array.from(copied)).toEqual([1.5, -2]);
    expect(copied.buffer).not.toBe(shifted.buffer);
    // A Buffer (as a server reads a body) unaligned in Node's shared pool: its `slice` would be a view.
    const pooled = Buffer.concat([Buffer.from([9]), Buffer.from(body.subarray(4, 12))]);
    expect(Array.from(readRawTensor(pooled.subarray(1), 'FP32', 2, X) as Float32Array)).toEqual([1.5, -2]);
  });

  it('read every numeric datatype little-endian, 64-bit integers exactly', () => {
    const int64 = BigInt64Array.of(-(2n ** 63n), 2n ** 53n + 1n);
    expect(readRawTensor(new Uint8Array(int64.buffer), 'INT64', 2, X)).toEqual(int64);
    const uint16 = Uint16Array.of(1, 65535);
    expect(readRawTensor(new Uint8Array(uint16.buffer), 'UINT16', 2, X)).toEqual(uint16);
    expect(readRawTensor(Uint8Array.of(0, 1, 1), 'BOOL', 3, X)).toEqual([false, true, true]);
  });

  it('refuse sizes that do not add up, BOOL bytes other than 0/1, and FP16', () => {
    expect(refusal(() => readRawTensor(new Uint8Array(7), 'FP32', 2, X))).toBe("input 'x': binary data is 7 bytes, but 2 FP32 elements take 8");
    expect(refusal(() => readRawTensor(Uint8Array.of(0, 2), 'BOOL', 2, X))).toBe("input 'x': BOOL element 1 is the byte 2; it must be 0 or 1");
    expect(refusal(() => readRawTensor(new Uint8Array(4), 'FP16', 2, X))).toMatch(/FP16 is not supported/);
  });

  it('read BYTES as 4-byte little-endian lengths, never past the buffer', () => {
    const bytes = writeRawTensor(['hi', '', 'héllo'], 'BYTES');
    expect(Array.from(bytes.subarray(0, 6))).toEqual([2, 0, 0, 0, 104, 105]);
    const elements = readRawTensor(bytes, 'BYTES', 3, X) as Uint8Array[];
    expect(elements.map((element) => Buffer.from(element).toString('utf8'))).toEqual(['hi', '', 'héllo']);
    // The buffer continues past the tensor's bytes: an overrunning length must not reach into it.
    const padded = new Uint8Array(64).fill(120);
    padded.set([200, 0, 0, 0, 1, 2], 0);
    expect(refusal(() => readRawTensor(padded.subarray(0, 6), 'BYTES', 1, X))).toBe("input 'x': BYTES element 0 is 200 bytes long, but only 2 bytes remain");
    expect(refusal(() => readRawTensor(Uint8Array.of(1, 0, 0, 0, 65, 1, 0), 'BYTES', 2, X))).toBe(
      "input 'x': BYTES element 1 needs a 4-byte length at byte 5, but the binary data is 7 bytes",
    );
    expect(refusal(() => readRawTensor(Uint8Array.of(1, 0, 0, 0, 65, 9), 'BYTES', 1, X))).toBe("input 'x': binary data is 6 bytes, but its 1 BYTES elements end at byte 5");
  });

  it('write typed arrays as their own bytes and BOOL as 0/1', () => {
    const values = Float32Array.of(1, 2);
    expect(writeRawTensor(values, 'FP32').buffer).toBe(values.buffer);
    expect(Array.from(writeRawTensor([true, false], 'BOOL'))).toEqual([1, 0]);
  });
});

describe('JSON tensor data', () => {
  it('is read flat or nested, row-major', () => {
    expect(readJsonTensor([1, 2, 3, 4], 'UINT32', [2, 2], 4, X)).toEqual(Uint32Array.of(1, 2, 3, 4));
    expect(readJsonTensor([[1, 2], [3, 4]], 'UINT32', [2, 2], 4, X)).toEqual(Uint32Array.of(1, 2, 3, 4));
    expect(readJsonTensor([[[true]], [[false]]], 'BOOL', [2, 1, 1], 2, X)).toEqual([true, false]);
    expect(readJsonTensor(['a', 'b'], 'BYTES', [2], 2, X)).toEqual(['a', 'b']);
    expect(readJsonTensor([], 'FP32', [0, 3], 0, X)).toEqual(new Float32Array(0));
  });

  it('must have as many elements as the shape says, nested as it says', () => {
    expect(refusal(() => readJsonTensor([true], 'BOOL', [3], 3, X))).toBe("input 'x': shape [3] needs 3 elements, but data has 1");
    expect(refusal(() => readJsonTensor([[1, 2], [3]], 'INT32', [2, 2], 4, X))).toBe("input 'x': data[1] has 1 elements, but dimension 1 of shape [2, 2] is 2");
    expect(refusal(() => readJsonTensor([[1, 2, 3]], 'INT32', [3], 3, X))).toBe("input 'x': data has 1 elements, but dimension 0 of shape [3] is 3");
    expect(refusal(() => readJsonTensor({ a: 1 }, 'INT32', [1], 1, X))).toBe("input 'x': data must be an array, not an object");
  });

  it('checks each element: type, integer, range; nothing is coerced', () => {
    expect(refusal(() => readJsonTensor([1, '2'], 'FP32', [2], 2, X))).toBe(`input 'x': element 1 is "2", expected a number (FP32)`);
    expect(refusal(() => readJsonTensor([1.5], 'INT32', [1], 1, X))).toBe("input 'x': element 0 is 1.5, expected an integer from -2147483648 to 2147483647 (INT32)");
    expect(refusal(() => readJsonTensor([256], 'UINT8', [1], 1, X))).toBe("input 'x': element 0 is 256, expected an integer from 0 to 255 (UINT8)");
    expect(refusal(() => readJsonTensor([-1], 'UINT64', [1], 1, X))).toMatch(/element 0 is -1, expected an integer from 0 to 18446744073709551615/);
    expect(refusal(() => readJsonTensor([1e300], 'FP32', [1], 1, X))).toBe("input 'x': element 0 is 1e+300, beyond the range of FP32");
    expect(refusal(() => readJsonTensor([1], 'BOOL', [1], 1, X))).toBe("input 'x': element 0 is 1, expected a boolean (BOOL)");
    expect(refusal(() => readJsonTensor([1], 'BYTES', [1], 1, X))).toBe("input 'x': element 0 is 1, expected a string (BYTES)");
  });

  it('keeps 64-bit integers exact: bigint from an exact parse, unsafe numbers refused', () => {
    expect(readJsonTensor([2n ** 63n - 1n, 5], 'INT64', [2], 2, X)).toEqual(BigInt64Array.of(2n ** 63n - 1n, 5n));
    expect(refusal(() => readJsonTensor([2n ** 63n], 'INT64', [1], 1, X))).toMatch(/element 0 is 9223372036854775808, expected an integer from/);
    expect(refusal(() => readJsonTensor([2 ** 60], 'INT64', [1], 1, X))).toMatch(/beyond ±2\^53, so it was not read exactly/);
  });

  it('is written flat, 64-bit integers beyond 2^53 as bigint, bytes as UTF-8 text', () => {
    expect(writeJsonTensor(BigInt64Array.of(1n, 2n ** 60n), 'INT64')).toEqual([1, 2n ** 60n]);
    expect(writeJsonTensor([new TextEncoder().encode('é')], 'BYTES')).toEqual(['é']);
    expect(writeJsonTensor(Float32Array.of(0.5), 'FP32')).toEqual([0.5]);
  });
});
