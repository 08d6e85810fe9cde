import SwaggerParser from '@apidevtools/swagger-parser';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { OpenApiVersion } from '@inferschema/core';
import { strictAjvFor, withoutContainerMarkers } from './strict-ajv.js';

/** The component schemas of a document: `definitions` (2.0) or `components.schemas` (3.x). */
export function componentSchemas(document: object): Record<string, unknown> {
  const doc = document as { definitions?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } };
  return doc.definitions ?? doc.components?.schemas ?? {};
}

/** The schemas written inline in the paths (`schema` of a parameter, body or response), but not `$ref`s. */
export function inlineSchemas(document: object): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  const visit = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key === 'schema' && typeof value === 'object' && value !== null && !('$ref' in value)) found[at] = value;
      else visit(value, at);
    }
  };
  visit((document as { paths?: unknown }).paths, '#/paths');
  return found;
}

function hasBigint(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(hasBigint);
}

/**
 * Checks a service document the way the issue asks: both validators accept it, every schema in it (the
 * components and those inline in the paths) compiles with strict ajv for its version, and each schema's
 * `example` matches the schema. Throws with the
 * validators' own messages. The document is not changed (the validators get copies).
 */
export async function expectValidDocument(document: object, version: OpenApiVersion): Promise<void> {
  await SwaggerParser.validate(structuredClone(document) as never);
  const result = await validate(structuredClone(document) as never);
  if (!result.valid) throw new Error(`@readme/openapi-parser: ${compileErrors(result)}`);
  expect(result.warnings).toEqual([]);
  const ajv = strictAjvFor(version);
  for (const [name, schema] of Object.entries({ ...componentSchemas(document), ...inlineSchemas(document) })) {
    let check: (data: unknown) => boolean;
    try {
      check = ajv.compile(withoutContainerMarkers(schema) as object);
    } catch (error) {
      throw new Error(`${name} does not compile with strict ajv (${version}): ${(error as Error).message}`);
    }
    const example = (schema as { example?: unknown }).example;
    // ajv knows `nullable` (3.0) and type arrays (3.1); in 2.0, `x-nullable` is only an annotation to it.
    if (version !== '2.0' && example !== undefined && !hasBigint(example)) expect(check(example), `${name}'s example matches it`).toBe(true);
  }
}
