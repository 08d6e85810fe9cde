import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  buildServiceDocument,
  loadUserDocument,
  OPENAPI_VERSION_ALIASES,
  parseOpenApiVersion,
  serializeDocument,
  serviceInfoFromEnv,
  UnsupportedVersionError,
} from '@inferschema/openapi';
import { CliError, EXIT } from '../cli-error.js';
import { write, type CliIo } from '../cli-io.js';
import { loadScript, userDocumentFolder } from '../load-script.js';
import { createProgress } from '../progress.js';

interface SwaggerOptions {
  readonly version: string;
  readonly out?: string;
  readonly userDocument: boolean;
}

async function swagger(io: CliIo, scriptPath: string, options: SwaggerOptions): Promise<void> {
  const version = parseOpenApiVersion(options.version)!;
  const progress = createProgress(io);
  const script = await loadScript(scriptPath, progress);
  const user = options.userDocument ? await loadUserDocument(userDocumentFolder(script, io.env), version) : undefined;
  let document: unknown = user?.document;
  if (user) io.stderr.write(`Using the user-supplied ${user.path} (--no-user-document generates it instead)\n`);
  else {
    try {
      document = buildServiceDocument(
        { input: script.inputSchema, output: script.outputSchema, supportedVersions: script.supportedVersions },
        { version, ...serviceInfoFromEnv(io.env) },
      );
    } catch (error) {
      if (error instanceof UnsupportedVersionError) throw new CliError(error.message, EXIT.failed);
      throw error;
    }
  }
  const text = serializeDocument(document);
  if (options.out === undefined) return write(io.stdout, text);
  const out = resolve(options.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
}

/** `inferschema swagger <script>`: the service document, byte-identical for the same script. */
export function registerSwaggerCommand(program: Command, io: CliIo): void {
  program
    .command('swagger')
    .summary('write the Swagger / OpenAPI document of an entry script')
    .description(
      'Write the service document of an entry script (what GET /swagger.json serves) to stdout or a file. The ' +
        'same script always gives the same bytes, so CI can regenerate it and fail when it changed. A ' +
        'swagger.json / swagger2.json / swagger3.json / swagger3.1.json next to the script (or in AML_APP_ROOT) replaces the ' +
        'generated document of its version, as in the server. SERVICE_NAME, SERVICE_VERSION and ' +
        'SERVICE_PATH_PREFIX set the title, version and path prefix. init is not called: no model is needed.',
    )
    .argument('<script>', 'the entry script (.ts, .mts, .cts, .js, .mjs or .cjs)')
    .addOption(
      new Option('--version <version>', 'document version: 2 (Swagger 2.0), 3 (OpenAPI 3.0.3) or 3.1 (OpenAPI 3.1.0)')
        .choices(OPENAPI_VERSION_ALIASES)
        .default('2'),
    )
    .option('--out <file>', 'write the document to this file instead of stdout')
    .option('--no-user-document', 'generate the document even when a user-supplied one is next to the script')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ inferschema swagger score.ts                                  # Swagger 2.0 on stdout',
        '  $ inferschema swagger score.ts --version 3.1 --out openapi.json',
        '  $ SERVICE_NAME=housing inferschema swagger score.ts --version 3 --out docs/swagger3.json',
        '  $ inferschema swagger score.ts --out docs/swagger.json && git diff --exit-code docs/swagger.json',
      ].join('\n'),
    )
    .action((script: string, options: SwaggerOptions) => swagger(io, script, options));
}
