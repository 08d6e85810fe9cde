import { dirname } from 'node:path';
import type { LoadedScript } from '@inferschema/core/runtime';
import type { OpenApiVersion } from '@inferschema/core';
import { loadUserDocument, type UserDocument } from '@inferschema/openapi';
import { CliError, EXIT } from './cli-error.js';

/**
 * The user-supplied document of a version, looked for where the server looks: `AML_APP_ROOT` when set, else
 * the script's folder. A file that is not JSON fails with its name.
 */
export async function findUserDocument(
  script: LoadedScript,
  version: OpenApiVersion,
  env: Readonly<Record<string, string | undefined>>,
): Promise<UserDocument | undefined> {
  try {
    return await loadUserDocument(env.AML_APP_ROOT || dirname(script.path), version);
  } catch (error) {
    if (error instanceof SyntaxError) throw new CliError(error.message, EXIT.failed);
    throw error;
  }
}
