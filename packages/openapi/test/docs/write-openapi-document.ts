import { writeFile } from 'node:fs/promises';
import { loadScoringScript } from '@inferschema/core/runtime';
import { buildServiceDocument, serializeDocument, serviceInfoFromEnv } from '@inferschema/openapi';

/** Writes the OpenAPI 3.1 document of an entry script to `outFile`. */
export async function writeOpenApiDocument(scriptPath: string, outFile: string): Promise<void> {
  const script = await loadScoringScript(scriptPath);
  const document = buildServiceDocument(
    { input: script.inputSchema, output: script.outputSchema, supportedVersions: script.supportedVersions },
    { version: '3.1', ...serviceInfoFromEnv(process.env) }, // title, serviceVersion, pathPrefix
  );
  await writeFile(outFile, serializeDocument(document));
}
