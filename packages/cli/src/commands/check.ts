import type { Command } from 'commander';
import { ALL_OPENAPI_VERSIONS, compileValidator } from '@inferschema/core/schema';
import type { JsonSchema, ParameterType } from '@inferschema/core';
import type { LoadedScript } from '@inferschema/core/runtime';
import { buildServiceDocument, serviceSchemasOf, UnsupportedVersionError, versionName } from '@inferschema/openapi';
import { CliError, EXIT } from '../cli-error.js';
import { write, type CliIo } from '../cli-io.js';
import { describeSchema } from '../describe-schema.js';
import { findUserDocument } from '../find-user-document.js';
import { loadScript } from '../load-script.js';
import { createProgress } from '../progress.js';

const KINDS = {
  schema: 'schema (run takes the keys of a JSON body as its parameters)',
  text: 'text (run takes the request body as a string)',
  raw: 'raw (@rawHttp: run takes the whole request)',
} as const;

/** The problem with a sample: it must pass its own type, as a request body would. */
function sampleProblem(name: string, check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return `the sample of ${name} does not pass its own type: ${(error as Error).message}`;
  }
}

function sampleProblems(script: LoadedScript): string[] {
  const problems = script.parameters.flatMap((parameter) => {
    const type = parameter.type;
    if (!type) return [];
    const problem = sampleProblem(parameter.name, () => type.decode(type.toJsonSchema().example));
    return problem ? [problem] : [];
  });
  const output = script.outputSchema;
  if (output?.example !== undefined) {
    const problem = sampleProblem('the output', () => {
      const error = compileValidator(output)(output.example);
      if (error) throw error;
    });
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Each version: supported, or why not (from the document builder). */
function versionLines(script: LoadedScript): string[] {
  const lines: string[] = [];
  const schemas = serviceSchemasOf(script);
  for (const version of ALL_OPENAPI_VERSIONS) {
    try {
      buildServiceDocument(schemas, { version });
      lines.push(`  ${version}  yes`);
    } catch (error) {
      if (!(error instanceof UnsupportedVersionError)) throw error;
      const reason = error.problem ? `${error.problem.pointer} is ${error.problem.construct}` : 'not supported by the script';
      lines.push(`  ${version}  no: ${reason}`);
    }
  }
  return lines;
}

const TYPE_NAMES = {
  standard: 'StandardParameterType',
  ndarray: 'NdArrayParameterType',
  dataframe: 'DataFrameParameterType',
} as const;

/**
 * The name of a parameter type, from its `kind` tag (the script has its own copy of core, so `instanceof`
 * cannot tell the built-in types apart); a custom type is named by its own class.
 */
function typeNameOf(type: ParameterType): string {
  const kind = type.kind as string;
  return Object.hasOwn(TYPE_NAMES, kind) ? TYPE_NAMES[kind as keyof typeof TYPE_NAMES] : type.constructor.name;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd());
}

function parameterLines(script: LoadedScript): string[] {
  if (script.parameters.length === 0) return ['  (none)'];
  return table(
    script.parameters.map((parameter) => [
      parameter.name || '(unnamed)',
      parameter.type ? typeNameOf(parameter.type) : 'undeclared',
      parameter.type ? describeSchema(parameter.type.toJsonSchema()) : '-',
      parameter.optional ? 'optional' : 'required',
    ]),
  );
}

function schemaLine(schema: JsonSchema | undefined): string {
  return schema ? describeSchema(schema) : 'undeclared';
}

async function userDocumentLines(script: LoadedScript, env: CliIo['env']): Promise<string[]> {
  const lines: string[] = [];
  for (const version of ALL_OPENAPI_VERSIONS) {
    const user = await findUserDocument(script, version, env);
    if (user) lines.push(`  ${user.path} replaces the generated ${versionName(version)} document`);
  }
  return lines;
}

async function check(io: CliIo, scriptPath: string): Promise<void> {
  const script = await loadScript(scriptPath, createProgress(io));
  const problems = sampleProblems(script);
  let userDocuments: string[];
  try {
    userDocuments = await userDocumentLines(script, io.env);
  } catch (error) {
    userDocuments = [];
    problems.push((error as Error).message);
  }
  const lines = [
    `Entry script: ${script.path}`,
    `Kind: ${KINDS[script.kind]}`,
    'Parameters:',
    ...parameterLines(script),
    `Output: ${schemaLine(script.outputSchema)}`,
    'OpenAPI versions:',
    ...versionLines(script),
    ...(userDocuments.length ? ['User-supplied documents:', ...userDocuments] : []),
    `Exact 64-bit integers: ${script.exactIntegers ? 'yes (request bodies keep integers beyond 2^53 exact)' : 'no'}`,
  ];
  await write(io.stdout, `${lines.join('\n')}\n`);
  if (problems.length) throw new CliError(`the script has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}`, EXIT.failed, problems);
  await write(io.stdout, 'OK\n');
}

/** `inferschema check <script>`: load the script and report what the server would make of it. */
export function registerCheckCommand(program: Command, io: CliIo): void {
  program
    .command('check')
    .summary('check an entry script: its contract, samples, parameters and OpenAPI versions')
    .description(
      'Load an entry script without calling init, check its contract (init, run, decorators) and that each ' +
        'sample passes its own type, and print its parameters with their types and the OpenAPI versions its ' +
        'schemas fit. A package the script imports that is not installed is reported by name: run it in the ' +
        "deployment's environment to test that environment.",
    )
    .argument('<script>', 'the entry script (.ts, .mts, .cts, .js, .mjs or .cjs)')
    .addHelpText(
      'after',
      ['', 'Examples:', '  $ inferschema check score.ts', '  $ inferschema check dist/score.js && echo ready to deploy'].join('\n'),
    )
    .action((script: string) => check(io, script));
}
