import { InputValidationError, type ValidationIssue } from '@inferschema/core';

/** Decodes `input` expecting an `InputValidationError`; checks the input was not changed and returns the issues. */
export function rejection(type: { decode(json: unknown): unknown }, input: unknown): readonly ValidationIssue[] {
  const before = structuredClone(input);
  let caught: unknown;
  try {
    type.decode(input);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputValidationError);
  expect(input).toEqual(before);
  return (caught as InputValidationError).errors;
}
