import type { OpenApiVersion } from '@inferschema/core';
import type { LoadedScript } from '@inferschema/core/runtime';
import { buildServiceDocument, describeOipModel, serviceInfoFromEnv, serviceSchemasOf, UnsupportedVersionError } from '@inferschema/openapi';
import { CliError, EXIT } from './cli-error.js';
import type { CliIo } from './cli-io.js';

/**
 * The service document of a loaded script, as the server serves it at `/swagger.json` (`SERVICE_NAME`,
 * `SERVICE_VERSION` and `SERVICE_PATH_PREFIX` from `env`); a version the samples cannot be written in is a
 * command error.
 */
export function generateServiceDocument(script: LoadedScript, version: OpenApiVersion, env: CliIo['env']): unknown {
  try {
    return buildServiceDocument({ ...serviceSchemasOf(script), oip: describeOipModel(script) }, { version, ...serviceInfoFromEnv(env) });
  } catch (error) {
    if (error instanceof UnsupportedVersionError) throw new CliError(error.message, EXIT.failed);
    throw error;
  }
}
