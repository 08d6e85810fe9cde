import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { createScoringRequest, OutputValidationError, type LoadedScript } from '@inferschema/core/runtime';
import {
  InputValidationError,
  parseJson,
  ScoringResponse,
  stringifyJson,
  type ValidationIssue,
} from '@inferschema/core';
import { invokeInFormats, type BodyFormats, type FormattedResult } from '@inferschema/core/codecs';
import { inputFormat, outputFormat, writeBinary } from '../body-formats.js';
import { CliError, EXIT } from '../cli-error.js';
import { write, type CliIo } from '../cli-io.js';
import { loadScript } from '../load-script.js';
import { missingModelDir, requireModelDir, type NamedModelDir } from '../preflight.js';
import { createProgress } from '../progress.js';
import { readInput, type InputOptions } from '../read-input.js';
import { withConsoleOnStderr } from '../console-on-stderr.js';

interface RunOptions extends InputOptions {
  readonly modelDir?: string;
  readonly model_dir?: string;
  readonly contentType: string;
  readonly validateOutput: boolean;
  readonly outputFile?: string;
  readonly accept?: string;
  /** True when `--content-type` was given (not its default). */
  readonly contentTypeGiven?: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

function parseBody(script: LoadedScript, body: Uint8Array): unknown {
  const text = decoder.decode(body);
  try {
    return parseJson(text, { exactIntegers: script.exactIntegers });
  } catch (error) {
    throw new CliError(`the input is not valid JSON: ${(error as Error).message}`, EXIT.failed);
  }
}

/**
 * The formats of a `schema` script's input and result (file extensions, --content-type, --accept), read
 * before `init` runs: a format the script cannot take or give is a usage error that loads no model.
 */
function schemaFormats(script: LoadedScript, options: RunOptions): BodyFormats | undefined {
  if (script.kind !== 'schema') return undefined;
  const formats = { inputFile: options.inputFile, contentType: options.contentTypeGiven ? options.contentType : undefined, outputFile: options.outputFile, accept: options.accept };
  return { request: inputFormat(script, formats), response: outputFormat(script, formats) };
}

function invoke(script: LoadedScript, body: Uint8Array, options: RunOptions, formats: BodyFormats | undefined): Promise<unknown> {
  switch (script.kind) {
    case 'schema':
      return invokeInFormats(script, formats!, formats!.request.codec.carries === 'parameters' ? { json: parseBody(script, body) } : { bytes: body });
    case 'text':
      return script.invoke(decoder.decode(body));
    case 'raw':
      return script.invokeRaw(
        createScoringRequest({ method: 'POST', url: '/score', headers: { 'content-type': options.contentType }, body }),
      );
  }
}

function problems(what: string, issues: readonly ValidationIssue[], total: number, root: string): CliError {
  const listed = issues.map((issue) => `${issue.path || root}: ${issue.message}`);
  if (total > issues.length) listed.push(`… and ${total - issues.length} more`);
  return new CliError(`${what} (${total === 1 ? '1 problem' : `${total} problems`})`, EXIT.failed, listed);
}

/** The error a failure of the script becomes: its problems listed, or its message and stack. */
function failure(error: unknown, during: 'init' | 'run'): CliError {
  if (error instanceof InputValidationError) return problems('invalid input', error.errors, error.total, '(the body)');
  if (error instanceof OutputValidationError) {
    return problems("run's result does not match its output schema", error.errors, error.errors.length, '(the result)');
  }
  if (error instanceof CliError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack ? error.stack.split('\n').slice(1).map((line) => line.trim()) : [];
  return new CliError(`${during} threw: ${message}`, EXIT.failed, stack);
}

async function writeResult(io: CliIo, result: unknown): Promise<void> {
  if (!(result instanceof ScoringResponse)) return write(io.stdout, `${stringifyJson(result ?? null)}\n`);
  const payload = result.payload();
  await write(io.stdout, payload);
  if (typeof payload === 'string' && payload !== '' && !payload.endsWith('\n')) await write(io.stdout, '\n');
  if (result.status < 200 || result.status > 299) throw new CliError(`run answered with status ${result.status}`, EXIT.failed);
}

async function run(io: CliIo, scriptPath: string, options: RunOptions, named: NamedModelDir | undefined): Promise<void> {
  requireModelDir(named);
  const body = await readInput(io, options);
  const progress = createProgress(io);
  await withConsoleOnStderr(io.stderr, async () => {
    // Without the flag, the loader's rule applies (on, unless INFERSCHEMA_VALIDATE_OUTPUT=false), as in serve.
    const script = await loadScript(scriptPath, progress, options.validateOutput ? {} : { validateOutput: false });
    // As in `serve`: without a named directory, init runs with the current one; a @modelInit init needs one named.
    if (named === undefined && script.initTakesModelDir) throw missingModelDir();
    const formats = schemaFormats(script, options);
    const shown = named?.path ?? '.';
    const modelDir = resolve(shown);
    try {
      await progress.task(`Loading the model from ${shown} (init)`, () => script.init(modelDir));
    } catch (error) {
      throw failure(error, 'init');
    }
    let result: unknown;
    try {
      result = await invoke(script, body, options, formats);
    } catch (error) {
      throw failure(error, 'run');
    }
    if (script.kind !== 'schema') return writeResult(io, result);
    const produced = result as FormattedResult;
    if ('bytes' in produced) return writeBinary(produced.bytes, options.outputFile, (bytes) => write(io.stdout, bytes));
    if (options.outputFile === undefined) return writeResult(io, produced.json);
    if (produced.json instanceof ScoringResponse) return writeResult(io, produced.json);
    await writeFile(options.outputFile, `${stringifyJson(produced.json ?? null)}\n`);
  });
}

/** `inferschema run <script>`: the seed's local test (init with a model directory, then run on one input). */
export function registerRunCommand(program: Command, io: CliIo): void {
  program
    .command('run')
    .summary("call an entry script's init and run once, locally")
    .description(
      "Call the script's init with the model directory, then run with one request body, as the server would, " +
        "and print run's result as JSON on stdout. An input that does not match the script's schema prints " +
        "each problem's path and message and exits with 1. The script's console output goes to stderr, so " +
        'stdout holds only the result.',
    )
    .argument('<script>', 'the entry script (.ts, .mts, .cts, .js, .mjs or .cjs)')
    .addOption(
      new Option('--model-dir <dir>', 'the model directory init receives (needed when init is @modelInit; default: the current directory)').env(
        'AZUREML_MODEL_DIR',
      ),
    )
    .option('--model_dir <dir>', 'azmlinfsrv spelling of --model-dir')
    .addOption(new Option('--input <json>', 'the request body').conflicts('inputFile'))
    .option('--input-file <file>', 'read the request body from a file (- reads stdin)')
    .option('--content-type <type>', "the input's media type (default: from --input-file's extension: .npy, .arrow, .arrows, .json), or the content-type header a @rawHttp run receives", 'application/json')
    .option('--output-file <file>', "write run's result to a file, in the format of its extension (.npy, .arrow, .arrows, .json)")
    .option('--accept <type>', "the result's media type (application/x-npy, application/vnd.apache.arrow.stream, ...; default: --output-file's extension, else JSON)")
    .option('--no-validate-output', "do not check run's result against the output schema (default: on, unless INFERSCHEMA_VALIDATE_OUTPUT=false)")
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        `  $ inferschema run score.ts --model-dir ./model --input '{"data": [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]}'`,
        '  $ inferschema run score.ts --model-dir ./model --input-file request.json',
        '  $ cat request.json | inferschema run score.ts --model-dir ./model --input-file -',
        '  $ inferschema run image.ts --model-dir ./model --input-file cat.png --content-type image/png',
        '  $ inferschema run score.ts --model-dir ./model --input-file features.npy --output-file predictions.npy',
      ].join('\n'),
    )
    .action((script: string, options: RunOptions, command: Command) =>
      run(io, script, { ...options, contentTypeGiven: command.getOptionValueSource('contentType') === 'cli' }, namedModelDir(options, command)),
    );
}

/** The model directory the user named: `--model-dir`, `--model_dir`, or `AZUREML_MODEL_DIR`. */
function namedModelDir(options: RunOptions, command: Command): NamedModelDir | undefined {
  const fromEnv = command.getOptionValueSource('modelDir') === 'env';
  if (options.modelDir !== undefined && !fromEnv) return { path: options.modelDir, source: '--model-dir' };
  if (options.model_dir !== undefined) return { path: options.model_dir, source: '--model_dir' };
  return options.modelDir === undefined ? undefined : { path: options.modelDir, source: 'AZUREML_MODEL_DIR' };
}
