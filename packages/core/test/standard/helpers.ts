import { createStrictAjv } from '../../src/validation/ajv.js';
import { InputValidationError, stringifyJson, type ParameterType, type ValidationIssue } from '@inferschema/core';
import { validationSchemaOf } from '../../src/validation/validation-schema.js';

/** Freezes a JSON value and everything in it, so that any write to it throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** Decodes a deep-frozen copy of `input` (a write would throw), checking that it is left exactly as it was. */
export function decodeFrozen<T extends ParameterType>(type: T, input: unknown): ReturnType<T['decode']> {
  const before = stringifyJson(input);
  const frozen = deepFreeze(structuredClone(input));
  try {
    return type.decode(frozen) as ReturnType<T['decode']>;
  } finally {
    expect(stringifyJson(frozen)).toBe(before);
  }
}

/** Asserts that `decode` rejects `input` with exactly `errors`, and leaves `input` unchanged. */
export function expectRejected(type: ParameterType, input: unknown, errors: readonly ValidationIssue[]): void {
  let thrown: unknown;
  try {
    decodeFrozen(type, input);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputValidationError);
  expect((thrown as InputValidationError).errors).toEqual(errors);
}

/** Compiles the type's schema the way the issue asks: strict ajv, validation form. */
export function compileStrict(type: ParameterType): void {
  createStrictAjv().compile(validationSchemaOf(type.toJsonSchema()));
}
