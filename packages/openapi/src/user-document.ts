import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJson, type JsonValue, type OpenApiVersion } from '@inferschema/core';

/**
 * The files a user can put next to the entry script to replace a generated document, looked for in this
 * order (the Azure ML server's names).
 */
export const USER_DOCUMENT_FILES: { readonly [V in OpenApiVersion]: readonly string[] } = Object.freeze({
  '2.0': Object.freeze(['swagger.json', 'swagger2.json']),
  '3.0': Object.freeze(['swagger3.json']),
  '3.1': Object.freeze(['swagger3.1.json']),
});

/** A document the user wrote, served as it is instead of the generated one. */
export interface UserDocument {
  /** The file it was read from. */
  readonly path: string;
  readonly document: JsonValue;
}

/** `{}`, `[]`, `""`, `0`, `false` and `null`: the Azure ML server treats such a file as absent. */
function isEmptyJson(value: JsonValue): boolean {
  if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0;
  return !value;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Reads the user-supplied document of a version from the script's directory: `swagger.json` or
 * `swagger2.json` for 2.0, `swagger3.json` for 3.0, `swagger3.1.json` for 3.1. Resolves to undefined when
 * there is none; a file holding an empty value (`{}`, `[]`, `""`, `0`, `false`, `null`) counts as none, as in
 * the Azure ML server. The document is not checked: it replaces the generated one as it is.
 *
 * @throws SyntaxError naming the file when it is not JSON.
 * @example
 * const user = await loadUserDocument(dirname(script.path), '3.0');
 * const document = user?.document ?? buildServiceDocument(schemas, { version: '3.0' });
 */
export async function loadUserDocument(scriptDir: string, version: OpenApiVersion): Promise<UserDocument | undefined> {
  for (const name of USER_DOCUMENT_FILES[version]) {
    const path = join(scriptDir, name);
    const text = await readIfPresent(path);
    if (text === undefined) continue;
    let document: JsonValue;
    try {
      document = parseJson(text, { exactIntegers: true });
    } catch (error) {
      throw new SyntaxError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
    if (!isEmptyJson(document)) return { path, document };
  }
  return undefined;
}
