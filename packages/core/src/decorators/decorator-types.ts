import type { ScoringResponse } from '../script/scoring-response.js';
import type { DecodedValue, ParameterType } from '../types/parameter-type.js';
import type { InputSchemaOptions } from './metadata.js';

type AnyMethod = (...args: any) => any;

/** True when some element of the parameter tuple `P` accepts a `V`. */
type SomeParameterAccepts<V, P extends readonly unknown[]> = true extends { [K in keyof P]: [V] extends [P[K]] ? true : false }[number]
  ? true
  : false;

/** True when the parameter at `position` (or, without one, any parameter) of `P` accepts a `V`. */
type ParameterAccepts<V, P extends readonly unknown[], Position> = [Position] extends [number]
  ? number extends Position
    ? SomeParameterAccepts<V, P>
    : `${Position}` extends keyof P
      ? [V] extends [P[Position & keyof P]]
        ? true
        : false
      : false
  : SomeParameterAccepts<V, P>;

/**
 * `unknown` when method `F` can receive the argument an `@inputSchema` declares, else an object type whose
 * key is the error message TypeScript shows.
 */
export type InputSchemaCheck<V, Position, F> = F extends (...args: infer P) => any
  ? ParameterAccepts<V, P, Position> extends true
    ? unknown
    : { readonly '@inputSchema: no parameter of this method accepts the value it declares': V }
  : unknown;

/** `unknown` when what method `F` returns (awaited) is `R` or a `ScoringResponse`, else an error type. */
export type OutputSchemaCheck<R, F> = F extends (...args: any) => infer Returned
  ? [Awaited<Returned>] extends [R | ScoringResponse]
    ? unknown
    : { readonly '@outputSchema: this method returns a value its output type cannot encode': Awaited<Returned>; readonly expected: R }
  : unknown;

/**
 * The value `run` receives for an `@inputSchema(name, type, options)`: the type's decoded value (`| undefined`
 * when `optional`), or `any` with `convert: false` (the JSON value, whose type TypeScript does not know: not
 * checked).
 */
export type InputArgument<T, O> = O extends { readonly convert: false }
  ? any
  : O extends { readonly optional: true }
    ? DecodedValue<T> | undefined
    : DecodedValue<T>;

/**
 * What `@inputSchema(name, type, options)` returns: a method decorator for either decorator mode that
 * requires a parameter of the method (the one at `options.position`, when given) to accept `V`.
 */
export interface InputSchemaDecorator<V, Position = undefined> {
  /** TC39 standard decorators. */
  <F extends AnyMethod>(value: F & InputSchemaCheck<V, Position, F>, context: ClassMethodDecoratorContext<any, F>): void;
  /** `experimentalDecorators`. */
  <F extends AnyMethod>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<F & InputSchemaCheck<V, Position, F>>): void;
}

/**
 * What `@outputSchema(type)` returns: a method decorator for either decorator mode that requires the method
 * to return (or resolve to) `R` or a `ScoringResponse`.
 */
export interface OutputSchemaDecorator<R> {
  /** TC39 standard decorators. */
  <F extends AnyMethod>(value: F & OutputSchemaCheck<R, F>, context: ClassMethodDecoratorContext<any, F>): void;
  /** `experimentalDecorators`. */
  <F extends AnyMethod>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<F & OutputSchemaCheck<R, F>>): void;
}

/** The position an options literal names, or undefined. */
export type PositionOption<O> = O extends { readonly position: infer N extends number } ? N : undefined;

/** The value an output type encodes, as `withSchemas` reads it. */
export type OutputValue<T> = T extends ParameterType<infer TValue, any> ? TValue : unknown;

export type { InputSchemaOptions };
