import { dirname } from 'node:path';
import { ALL_OPENAPI_VERSIONS } from '@inferschema/core/schema';
import type { LoadedScript } from '@inferschema/core/runtime';
import type { OpenApiVersion } from '@inferschema/core';
import { buildServiceDocument, loadUserDocument, serializeDocument, serviceSchemasOf, type OipModelDescription } from '@inferschema/openapi';
import type { ServerConfig } from './config.js';

/** A served document: its JSON text, and the user file it came from when it was not generated. */
export interface ServedDocument {
  readonly text: string;
  readonly userFile: string | undefined;
}

/** The documents `GET /swagger.json` serves, generated once at start. */
export type ServiceDocuments = ReadonlyMap<OpenApiVersion, ServedDocument>;

function isEmptyDocument(value: unknown): boolean {
  return !value || (typeof value === 'object' && Object.keys(value).length === 0);
}

/**
 * Builds the service document of every version the script supports, once, and serializes it; a user-supplied
 * `swagger.json`/`swagger2.json`/`swagger3.json`/`swagger3.1.json` (in `appRoot`, else the script's directory)
 * replaces the generated document of its version, and adds that version if the script could not describe it.
 * `oip`: the model's Open Inference Protocol routes to describe too (the first model's).
 * An empty user file (`{}`, `""`) counts as absent.
 *
 * @throws SyntaxError when a user file is not JSON (the server must not start with it).
 * @example
 * const documents = await prepareServiceDocuments(script, config);
 * documents.get('3.1')?.text;
 */
export async function prepareServiceDocuments(script: LoadedScript, config: ServerConfig, oip?: OipModelDescription): Promise<ServiceDocuments> {
  const documents = new Map<OpenApiVersion, ServedDocument>();
  const folder = config.appRoot ?? dirname(script.path);
  for (const version of ALL_OPENAPI_VERSIONS) {
    const user = await loadUserDocument(folder, version);
    if (user && !isEmptyDocument(user.document)) {
      documents.set(version, { text: serializeDocument(user.document), userFile: user.path });
    } else if (script.supportedVersions.includes(version)) {
      const document = buildServiceDocument(
        { ...serviceSchemasOf(script), oip },
        { version, title: config.serviceName, serviceVersion: config.serviceVersion, pathPrefix: config.servicePathPrefix },
      );
      documents.set(version, { text: serializeDocument(document), userFile: undefined });
    }
  }
  return documents;
}
