import type { OpenApiVersion } from '@inferschema/core';

// A Map keeps this order; an object would put the integer-like keys `2` and `3` first.
const ALIASES: ReadonlyMap<string, OpenApiVersion> = new Map([
  ['2', '2.0'],
  ['2.0', '2.0'],
  ['3', '3.0'],
  ['3.0', '3.0'],
  ['3.1', '3.1'],
]);

/** Every spelling {@link parseOpenApiVersion} accepts, in order: `2`, `2.0`, `3`, `3.0`, `3.1`. */
export const OPENAPI_VERSION_ALIASES: readonly string[] = Object.freeze([...ALIASES.keys()]);

/**
 * Reads a version as a user writes it (`--version 3`, `?version=2.0`), or undefined when it names none.
 *
 * @example
 * parseOpenApiVersion('3');   // '3.0'
 * parseOpenApiVersion('3.2'); // undefined
 */
export function parseOpenApiVersion(text: string): OpenApiVersion | undefined {
  return ALIASES.get(text);
}

/**
 * The name of a document version: `Swagger 2.0`, `OpenAPI 3.0`, `OpenAPI 3.1`.
 *
 * @example
 * versionName('2.0'); // 'Swagger 2.0'
 */
export function versionName(version: OpenApiVersion): string {
  return version === '2.0' ? 'Swagger 2.0' : `OpenAPI ${version}`;
}

/** The aliases of the given versions, in order (`['3.0', '3.1']` → `['3', '3.0', '3.1']`). */
export function aliasesOf(versions: readonly OpenApiVersion[]): string[] {
  return OPENAPI_VERSION_ALIASES.filter((alias) => versions.includes(ALIASES.get(alias)!));
}
