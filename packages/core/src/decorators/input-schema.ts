import type { ParameterType } from '../types/parameter-type.js';
import { isParameterType } from '../types/kind.js';
import { appendMark, INPUTS, type InputDeclaration, type InputSchemaOptions } from './metadata.js';
import type { InputArgument, InputSchemaDecorator, PositionOption } from './decorator-types.js';
import { bareApplication, methodDecorator } from './method-decorator.js';

/** Checks the arguments of `@inputSchema` (or one `withSchemas` input) and builds its declaration. */
export function inputDeclaration(
  label: string,
  name: unknown,
  type: unknown,
  options: InputSchemaOptions = {},
  listed?: number,
): InputDeclaration {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError(`${label}: the parameter name must be a non-empty string`);
  const where = listed === undefined ? `${label}('${name}', …)` : `${label} '${name}'`;
  if (!isParameterType(type)) {
    throw new TypeError(`${where}: the type must be a ParameterType, e.g. new NdArrayParameterType(sample)`);
  }
  const { position } = options;
  if (position !== undefined && !(Number.isInteger(position) && position >= 0)) {
    throw new TypeError(`${where}: position must be a parameter index (an integer from 0)`);
  }
  return Object.freeze({
    name,
    type,
    optional: options.optional === true,
    convert: options.convert !== false,
    position,
    listed,
  });
}

/**
 * Declares one parameter of `run`: the request body key `name` fills the parameter of that name, validated
 * and converted by `type` (errors point into the body, e.g. `/data/3/1`). Stack one per parameter; the order
 * of the decorators does not matter.
 *
 * @example
 * class Model {
 *   @inputSchema('data', new NdArrayParameterType(sample))
 *   @outputSchema(new NdArrayParameterType(prediction))
 *   run(data: NdArray<Float64Array>) { return this.model.predict(data); }
 * }
 */
export function inputSchema<const T extends ParameterType<any, any>, const O extends InputSchemaOptions = {}>(
  name: string,
  type: T,
  options?: O,
): InputSchemaDecorator<InputArgument<T, O>, PositionOption<O>> {
  const bare = bareApplication(arguments);
  if (bare !== undefined) throw new TypeError(`@inputSchema on ${bare} is not called: call it: @inputSchema('name', type)`);
  const declaration = inputDeclaration('@inputSchema', name, type, options);
  return methodDecorator('@inputSchema', (method) => appendMark(method, INPUTS, declaration)) as InputSchemaDecorator<any, any>;
}
