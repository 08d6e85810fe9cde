import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { parseJson } from '@inferschema/core';
import { OPENAPI_VERSION_ALIASES, parseOpenApiVersion, serializeDocument } from '@inferschema/openapi';
import { CliError, EXIT } from '../cli-error.js';
import { compareDocuments, operations } from '../compare-documents.js';
import { write, type CliIo } from '../cli-io.js';
import { findUserDocument } from '../find-user-document.js';
import { loadScript } from '../load-script.js';
import { createProgress } from '../progress.js';
import { generateServiceDocument } from '../service-document.js';

interface SwaggerOptions {
  readonly version: string;
  readonly out?: string;
  readonly check?: string;
  readonly userDocument: boolean;
}

async function swagger(io: CliIo, scriptPath: string, options: SwaggerOptions): Promise<void> {
  const version = parseOpenApiVersion(options.version)!;
  const script = await loadScript(scriptPath, createProgress(io));
  const out = options.out === undefined ? undefined : resolve(options.out);
  const found = options.userDocument ? await findUserDocument(script, version, io.env) : undefined;
  // Regenerating the user file itself must not read it back, or a committed swagger.json would never change.
  const checked = options.check === undefined ? undefined : resolve(options.check);
  const user = found && found.path !== out && found.path !== checked ? found : undefined;
  if (user) io.stderr.write(`Using the user-supplied ${user.path} (--no-user-document generates it instead)\n`);
  const document = user ? user.document : generateServiceDocument(script, version, io.env);
  const text = serializeDocument(document);
  if (checked !== undefined) return check(io, checked, document as Record<string, unknown>, text);
  if (out === undefined) return write(io.stdout, text);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
  await write(io.stderr, `${describeWritten(out, document)}\n`);
}

/** `--check <file>`: exit 0 when the file holds exactly this document, else a readable diff and exit 1. */
async function check(io: CliIo, path: string, document: Record<string, unknown>, text: string): Promise<void> {
  let committedText: string;
  try {
    committedText = await readFile(path, 'utf8');
  } catch {
    throw new CliError(`--check ${path} does not exist`, EXIT.usage);
  }
  let committed: Record<string, unknown>;
  try {
    committed = parseJson(committedText, { exactIntegers: true }) as Record<string, unknown>;
  } catch {
    throw new CliError(`--check ${path} is not JSON`, EXIT.usage);
  }
  const versionOf = (value: Record<string, unknown>) => String(value?.openapi ?? value?.swagger ?? 'none');
  if (versionOf(committed) !== versionOf(document)) {
    throw new CliError(`--check ${path} is a ${versionOf(committed)} document; the script generates ${versionOf(document)} (use --version)`, EXIT.usage);
  }
  if (committedText === text) return write(io.stderr, `${path} is up to date\n`);
  const changes = compareDocuments(committed, document);
  const lines = [
    ...changes.added.map((operation) => `  added:   ${operation}`),
    ...changes.removed.map((operation) => `  removed: ${operation}`),
    ...changes.changed.map((operation) => `  changed: ${operation}`),
  ];
  if (lines.length === 0) lines.push('  changed: the document outside its operations (info, schemas or formatting)');
  const verdict = changes.breaking.length > 0 ? `a breaking change: ${changes.breaking.join('; ')}` : 'not a breaking change';
  throw new CliError(`${path} is stale (${verdict}); regenerate it with --out`, EXIT.failed, lines);
}

/** What `--out` wrote, for the terminal: `Wrote openapi.json: OpenAPI 3.1.0, 7 operations (GET /, …)`. */
function describeWritten(path: string, document: unknown): string {
  const { swagger, openapi } = document as { swagger?: string; openapi?: string };
  const version = openapi === undefined ? `Swagger ${swagger ?? '?'}` : `OpenAPI ${openapi}`;
  const names = [...operations(document as Record<string, unknown>).keys()];
  const count = names.length === 1 ? '1 operation' : `${names.length} operations`;
  return `Wrote ${path}: ${version}, ${count} (${names.join(', ')})`;
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
    .option('--check <file>', 'write nothing; exit 0 when <file> holds this document, else print what changed and exit 1')
    .option('--no-user-document', 'generate the document even when a user-supplied one is next to the script (always so when --out is that file)')
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
