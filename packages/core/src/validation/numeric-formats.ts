/** A numeric format's range, and how an error message names it. */
export interface NumericFormat {
  readonly min: bigint;
  readonly max: bigint;
  readonly description: string;
}

function integer(bits: number, signed: boolean): NumericFormat {
  const min = signed ? -(2n ** BigInt(bits - 1)) : 0n;
  const max = signed ? 2n ** BigInt(bits - 1) - 1n : 2n ** BigInt(bits) - 1n;
  return { min, max, description: `an integer from ${min} to ${max}` };
}

/** The integer formats of numpy dtypes (OpenAPI's `int32`/`int64` plus the reference's extensions). */
export const INTEGER_FORMATS: Readonly<Record<string, NumericFormat>> = Object.freeze({
  int8: integer(8, true),
  int16: integer(16, true),
  int32: integer(32, true),
  int64: integer(64, true),
  uint8: integer(8, false),
  uint16: integer(16, false),
  uint32: integer(32, false),
  uint64: integer(64, false),
});

/**
 * True when `value` is a finite number that float32 can hold without overflowing to infinity: up to the
 * largest float32 plus half a step, so `3.4028235e38` (how float32's maximum is written) rounds to it.
 */
export function isFloat32(value: number): boolean {
  return Number.isFinite(Math.fround(value));
}
