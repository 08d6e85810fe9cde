import type { ParameterType } from '../types/parameter-type.js';
import { isParameterType } from '../types/kind.js';
import { appendMark, OUTPUTS, type OutputDeclaration } from './metadata.js';
import type { OutputSchemaDecorator, OutputValue } from './decorator-types.js';
import { bareApplication, methodDecorator } from './method-decorator.js';

/** Checks the argument of `@outputSchema` (or `withSchemas`' output) and builds its declaration. */
export function outputDeclaration(label: string, type: unknown): OutputDeclaration {
  if (!isParameterType(type)) {
    throw new TypeError(`${label}: the type must be a ParameterType, e.g. new NdArrayParameterType(sample)`);
  }
  return Object.freeze({ type });
}

/**
 * Declares what `run` returns: the type documents the response and encodes the result into JSON (typed
 * arrays, bigint, dates and frames included). One per `run`.
 *
 * @example
 * class Model {
 *   @inputSchema('data', new NdArrayParameterType(sample))
 *   @outputSchema(new NdArrayParameterType(new Float64Array([3726.995])))
 *   run(data: NdArray<Float64Array>) { return this.model.predict(data); }
 * }
 */
export function outputSchema<const T extends ParameterType<any, any>>(type: T): OutputSchemaDecorator<OutputValue<T>> {
  const bare = bareApplication(arguments);
  if (bare !== undefined) throw new TypeError(`@outputSchema on ${bare} is not called: call it: @outputSchema(type)`);
  const declaration = outputDeclaration('@outputSchema', type);
  return methodDecorator('@outputSchema', (method) => appendMark(method, OUTPUTS, declaration)) as OutputSchemaDecorator<any>;
}
