import type { BatchSettings } from '../batching/settings.js';
import type { ParameterType } from '../types/parameter-type.js';

/**
 * Where the decorators keep what they declare: on the method (or function) itself, under `Symbol.for` keys.
 * An entry script imports its own copy of this package and the server may hold another; registered symbols
 * are the same in both, so the loader reads what the script's copy wrote.
 */
export const INPUTS = Symbol.for('inferschema.inputs');
export const OUTPUTS = Symbol.for('inferschema.outputs');
export const RAW_HTTP = Symbol.for('inferschema.rawHttp');
export const MODEL_INIT = Symbol.for('inferschema.modelInit');
export const BATCH = Symbol.for('inferschema.batch');

/** Options of `@inputSchema` and of a `withSchemas` input. */
export interface InputSchemaOptions {
  /** The body may leave this key out; `run` then receives `undefined` (so its default value applies). */
  readonly optional?: boolean;
  /**
   * Convert the JSON value into the type's native value (default `true`). With `false` the value is still
   * validated against the schema, and `run` receives it as JSON.
   */
  readonly convert?: boolean;
  /**
   * The index of the parameter in `run`'s parameter list, for code whose names were minified. Without it the
   * name is looked up in `run`'s own parameter list.
   */
  readonly position?: number;
}

/** What one `@inputSchema` (or `withSchemas` input) declares. */
export interface InputDeclaration {
  /** The request body key, and the name of `run`'s parameter unless `position` says otherwise. */
  readonly name: string;
  readonly type: ParameterType;
  readonly optional: boolean;
  readonly convert: boolean;
  readonly position: number | undefined;
  /** The index in a `withSchemas` input list (whose order the argument types follow), else undefined. */
  readonly listed: number | undefined;
}

/** What one `@outputSchema` declares. */
export interface OutputDeclaration {
  readonly type: ParameterType;
}

type Marked = Record<symbol, unknown>;

/** Adds one item to a list kept on a function, as a new frozen array (never changes a list already read). */
export function appendMark<T>(fn: Function, key: symbol, item: T): void {
  const list = readMarks<T>(fn, key);
  Object.defineProperty(fn, key, { value: Object.freeze([...list, item]), configurable: true, enumerable: false });
}

export function readMarks<T>(fn: Function, key: symbol): readonly T[] {
  const value = Object.hasOwn(fn, key) ? (fn as unknown as Marked)[key] : undefined;
  return Array.isArray(value) ? (value as readonly T[]) : [];
}

export function setFlag(fn: Function, key: symbol): void {
  Object.defineProperty(fn, key, { value: true, configurable: true, enumerable: false });
}

export function hasFlag(fn: unknown, key: symbol): boolean {
  return typeof fn === 'function' && Object.hasOwn(fn, key) && (fn as unknown as Marked)[key] === true;
}

export function inputsOf(fn: Function): readonly InputDeclaration[] {
  return readMarks<InputDeclaration>(fn, INPUTS);
}

export function outputsOf(fn: Function): readonly OutputDeclaration[] {
  return readMarks<OutputDeclaration>(fn, OUTPUTS);
}

/** What `@batch` (or `withSchemas`' `batch`) declared on a function, in the order declared. */
export function batchesOf(fn: Function): readonly BatchSettings[] {
  return readMarks<BatchSettings>(fn, BATCH);
}
