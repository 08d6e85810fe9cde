import type { LoadedScript } from '@inferschema/core/runtime';
import { requestMediaTypes, responseMediaTypes } from '@inferschema/core/codecs';
import type { ServiceSchemas } from './build-service-document.js';

/**
 * What a service document says about a loaded script: its schemas, the versions they fit, and the media types
 * `/score` takes and answers in (JSON, then each binary format of the body codec registry that fits the
 * script's single input or its output).
 *
 * @example
 * buildServiceDocument(serviceSchemasOf(script), { version: '3.1' });
 */
export function serviceSchemasOf(script: LoadedScript): ServiceSchemas {
  return {
    input: script.inputSchema,
    output: script.outputSchema,
    supportedVersions: script.supportedVersions,
    requestMediaTypes: script.kind === 'schema' ? requestMediaTypes(script) : undefined,
    responseMediaTypes: script.kind === 'schema' ? responseMediaTypes(script) : undefined,
  };
}
