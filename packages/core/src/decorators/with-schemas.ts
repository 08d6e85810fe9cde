import type { ScoringResponse } from '../script/scoring-response.js';
import type { DecodedValue, ParameterType } from '../types/parameter-type.js';
import { inputDeclaration } from './input-schema.js';
import { checkBatchOptions, type BatchOptions } from '../batching/settings.js';
import { appendMark, BATCH, INPUTS, OUTPUTS, type InputSchemaOptions } from './metadata.js';
import { outputDeclaration } from './output-schema.js';

/** One input of {@link withSchemas}: the body key (and parameter name), its type, and `@inputSchema`'s options. */
export type InputEntry = readonly [name: string, type: ParameterType<any, any>, options?: InputSchemaOptions];

/** What {@link withSchemas} declares: the inputs in `run`'s parameter order, and the output. */
export interface Schemas<I extends readonly InputEntry[], O extends ParameterType<any, any> | undefined> {
  readonly inputs?: I;
  readonly output?: O;
  /** Batch concurrent requests into one call of `run`, as `@batch` does. */
  readonly batch?: BatchOptions;
}

type ArgumentOf<E> = E extends readonly [string, infer T, infer Options]
  ? Options extends { readonly optional: true }
    ? DecodedValue<T> | undefined
    : DecodedValue<T>
  : E extends readonly [string, infer T]
    ? DecodedValue<T>
    : never;

/** The arguments `run` receives for a list of inputs: each input's decoded value, in order. */
export type InputArguments<I extends readonly InputEntry[]> = { -readonly [K in keyof I]: ArgumentOf<I[K]> };

/** What `run` may return for an output type: its native value (or, always, a {@link ScoringResponse}). */
export type RunResult<O> = O extends ParameterType<infer TValue, any> ? TValue | ScoringResponse : unknown;

/** A `run` for the given inputs and output; parameters after the inputs (e.g. `requestHeaders`) are free. */
export type RunFunction<I extends readonly InputEntry[], O> = (
  ...args: [...InputArguments<I>, ...rest: any[]]
) => RunResult<O> | Promise<RunResult<O>>;

/**
 * Declares the schemas of a plain `run` function, which TypeScript cannot decorate: the same declarations
 * as `@inputSchema` and `@outputSchema`, with `run`'s arguments typed from the samples. List the inputs in
 * `run`'s parameter order (the loader checks it); each name is a body key and the name of its parameter.
 *
 * @example
 * const features = new NdArrayParameterType(new Float64Array([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), { shape: [1, 10] });
 * export const run = withSchemas(
 *   { inputs: [['data', features]], output: new NdArrayParameterType(new Float64Array([3726.995])) },
 *   (data) => model.predict(data), // data: NdArray<Float64Array>
 * );
 */
export function withSchemas<
  const I extends readonly InputEntry[] = [],
  O extends ParameterType<any, any> | undefined = undefined,
  F extends RunFunction<I, O> = RunFunction<I, O>,
>(schemas: Schemas<I, O>, run: F): F {
  if (typeof run !== 'function') throw new TypeError('withSchemas(schemas, run): run must be a function');
  const inputs = (schemas.inputs ?? []).map(([name, type, options], index) =>
    inputDeclaration('withSchemas input', name, type, options, index),
  );
  const output = schemas.output === undefined ? undefined : outputDeclaration('withSchemas output', schemas.output);
  for (const input of inputs) appendMark(run, INPUTS, input);
  if (output) appendMark(run, OUTPUTS, output);
  if (schemas.batch !== undefined) appendMark(run, BATCH, checkBatchOptions('withSchemas batch', schemas.batch));
  return run;
}
