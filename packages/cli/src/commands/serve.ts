import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ServerOptions } from '@inferschema/server';
import { parseCorsOrigins, parseInteger, readApiKeyFile, resolveServerConfig } from '@inferschema/server/config';
import { VALIDATE_OUTPUT_ENV } from '@inferschema/core/runtime';
import { EXIT } from '../cli-error.js';
import { requireFreePort, requireModelDir, type NamedModelDir } from '../preflight.js';

/** The flags of `inferschema serve`, as commander parses them (azmlinfsrv spellings included). */
interface ServeFlags {
  readonly validateOutput?: boolean;
  readonly logFormat?: 'json' | 'pretty';
  readonly modelName?: string[];
  readonly modelDir?: string;
  readonly model_dir?: string;
  readonly entry_script?: string;
  readonly port?: number;
  readonly host?: string;
  readonly grpcPort?: number;
  readonly workers?: number;
  readonly worker_count?: number;
  readonly access_control_allow_origins?: string[];
  readonly apiKey?: string;
  readonly apiKeyFile?: string;
  readonly corsOrigins?: string[];
  readonly scoringTimeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly maxBufferedBodyBytes?: number;
  readonly sendTimeoutMs?: number;
  readonly shutdownGraceMs?: number;
  readonly logLevel?: string;
  readonly batchMaxSize?: number;
  readonly batchMaxLatencyMs?: number;
  readonly batchMaxConcurrent?: number;
  readonly logQueryString?: boolean;
}

function integer(flag: string, min: number, max?: number) {
  return (text: string) => {
    try {
      return parseInteger(text, flag, min, max);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

function withoutUndefined(options: Record<string, unknown>): ServerOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as ServerOptions;
}

/**
 * Adds `inferschema serve [script]`: runs the scoring server for an entry script. Flags win over the Azure ML
 * environment variables (`AZUREML_ENTRY_SCRIPT`, `AZUREML_MODEL_DIR`, `AML_APP_ROOT`, `AML_CORS_ORIGINS`,
 * `SCORING_TIMEOUT_MS`, `SERVICE_NAME`, `SERVICE_VERSION`, `SERVICE_PATH_PREFIX`, `WORKER_COUNT`) and
 * inferschema's (`INFERSCHEMA_API_KEY`, `INFERSCHEMA_API_KEY_FILE`, `INFERSCHEMA_MAX_BODY_BYTES`,
 * `INFERSCHEMA_MAX_BUFFERED_BODY_BYTES`, `INFERSCHEMA_SEND_TIMEOUT_MS`, `INFERSCHEMA_LOG_LEVEL`,
 * `INFERSCHEMA_LOG_QUERY_STRING`, `INFERSCHEMA_BATCH_MAX_SIZE`, `INFERSCHEMA_BATCH_MAX_LATENCY_MS`,
 * `INFERSCHEMA_GRPC_PORT`).
 *
 * @example
 * registerServeCommand(program);
 * // inferschema serve examples/regression/score.ts --model-dir examples/regression/model --port 5001
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve an entry script over HTTP (Azure ML inference server routes, plus health, metrics and docs).')
    .argument('[scripts...]', 'the entry script, or several: each a model of the Open Inference Protocol routes (default: AZUREML_ENTRY_SCRIPT, relative to AML_APP_ROOT)')
    .option('--model-dir <dir>', 'the model directory passed to init; with several scripts, each gets <dir>/<model name> (default: AZUREML_MODEL_DIR, else .)')
    .option('--model-name <name>', 'the model name on /v2/models/{name}, once per script in order (default: the script file name)', (name: string, names: string[] = []) => [...names, name])
    .option('--port <port>', 'the port to listen on (default 5001; 0 picks a free port)', integer('--port', 0, 65535))
    .option('--host <host>', 'the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)')
    .option('--grpc-port <port>', 'also serve the Open Inference Protocol over gRPC on this port (default: INFERSCHEMA_GRPC_PORT, else off)', integer('--grpc-port', 0, 65535))
    .option('--workers <n>', 'worker processes sharing the port, each running init (default: WORKER_COUNT, else 1)', integer('--workers', 1, 1024))
    .addOption(new Option('--api-key <key>', 'require Authorization: Bearer <key> on every route but health; visible in the process list, prefer --api-key-file or INFERSCHEMA_API_KEY'))
    .option('--api-key-file <path>', 'read the API key from this file (a mounted secret; default: INFERSCHEMA_API_KEY_FILE)')
    .option('--cors-origins <origins>', 'comma-separated origins allowed by CORS, or * (default: AML_CORS_ORIGINS)', parseCorsOrigins)
    .option('--scoring-timeout-ms <ms>', 'longest run before a 500 (default: SCORING_TIMEOUT_MS, else 3600000)', integer('--scoring-timeout-ms', 1))
    .option('--max-body-bytes <bytes>', 'largest request body, larger gets 413 (default: INFERSCHEMA_MAX_BODY_BYTES, else 16 MiB)', integer('--max-body-bytes', 1))
    .option(
      '--max-buffered-body-bytes <bytes>',
      'most request-body bytes held at once over all requests, past it 503 (default: INFERSCHEMA_MAX_BUFFERED_BODY_BYTES, else 1/16 of memory, at most 1 GiB)',
      integer('--max-buffered-body-bytes', 0),
    )
    .option('--send-timeout-ms <ms>', 'close a connection whose answer waits this long for a client that stopped reading (default: INFERSCHEMA_SEND_TIMEOUT_MS, else 30000)', integer('--send-timeout-ms', 1))
    .option('--shutdown-grace-ms <ms>', 'time in-flight requests get after SIGTERM/SIGINT (default 30000)', integer('--shutdown-grace-ms', 0))
    .option('--batch-max-size <rows>', 'rows per run of a script declared with @batch; 0 turns batching off (default: INFERSCHEMA_BATCH_MAX_SIZE, else as declared)', integer('--batch-max-size', 0))
    .option('--batch-max-latency-ms <ms>', 'longest wait of a batched request (default: INFERSCHEMA_BATCH_MAX_LATENCY_MS, else as declared)', integer('--batch-max-latency-ms', 0))
    .option('--batch-max-concurrent <batches>', 'calls of a batched run under way before a batch that is not full waits (default: INFERSCHEMA_BATCH_MAX_CONCURRENT, else as declared, else 1)', integer('--batch-max-concurrent', 1))
    .option('--log-query-string', 'log the query string with the path in the request log (default: INFERSCHEMA_LOG_QUERY_STRING, else off)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (default: INFERSCHEMA_LOG_LEVEL, else info)')
    .addOption(
      new Option('--log-format <format>', 'json lines, or pretty (readable) lines (default: INFERSCHEMA_LOG_FORMAT, else pretty on a terminal and json otherwise)').choices([
        'json',
        'pretty',
      ]),
    )
    .option('--no-validate-output', "answer run's result without checking it against the output schema (default: checked, a mismatch is a 500, unless INFERSCHEMA_VALIDATE_OUTPUT=false)")
    .addOption(new Option('--entry_script <path>', 'azmlinfsrv spelling: the entry script, instead of [script]'))
    .option('--model_dir <dir>', 'azmlinfsrv spelling of --model-dir')
    .addOption(new Option('--worker_count <n>', 'azmlinfsrv spelling of --workers').argParser(integer('--worker_count', 1, 1024)).conflicts('workers'))
    .addOption(
      new Option('--access_control_allow_origins <origins>', 'azmlinfsrv spelling of --cors-origins').argParser(parseCorsOrigins).conflicts('corsOrigins'),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ inferschema serve score.ts --model-dir ./model --port 5001',
        '  $ inferschema serve --entry_script score.ts --model_dir ./model --port 5001   # azmlinfsrv spellings',
        '  $ AZUREML_ENTRY_SCRIPT=score.ts AZUREML_MODEL_DIR=./model inferschema serve --workers 2',
        '',
        `Exit codes: 0 stopped by SIGTERM/SIGINT, 2 the command line is wrong (a missing --model-dir directory), ${EXIT.bootFailure} the script`,
        `failed to load or init failed, ${EXIT.portInUse} the port is already in use, 70 an error escaped the script (docs/server.md).`,
      ].join('\n'),
    )
    .action(async (scriptArguments: string[], flags: ServeFlags, command: Command) => {
      // Loaded here, not at the top: the other commands start without the server (its HTTP, gRPC and log stack).
      const { ConfigurationError, LOG_FORMAT_ENV, serve, serveOptionsFromEnv, serverOptionsFromEnv } = await import('@inferschema/server');
      try {
        const fromEnv = serveOptionsFromEnv(process.env);
        // The loader and the log output read these variables, in this process and in every worker it forks.
        if (flags.validateOutput === false) process.env[VALIDATE_OUTPUT_ENV] = 'false';
        if (flags.logFormat !== undefined) process.env[LOG_FORMAT_ENV] = flags.logFormat;
        const { validateOutput, logFormat, workers, worker_count, model_dir, entry_script, access_control_allow_origins, apiKeyFile, modelName: modelNames, ...serverFlags } = flags;
        if (scriptArguments.length > 0 && entry_script !== undefined) {
          command.error(`error: give the entry script once: ${scriptArguments.join(' ')} or --entry_script ${entry_script}`);
        }
        const given = entry_script === undefined ? scriptArguments : [resolve(entry_script)];
        const scripts = given.length > 0 ? given : fromEnv.script === undefined ? [] : [fromEnv.script];
        if (scripts.length === 0) command.error('error: no entry script: give one (inferschema serve score.ts) or set AZUREML_ENTRY_SCRIPT');
        if (modelNames !== undefined && modelNames.length > scripts.length) {
          command.error(`error: ${modelNames.length} --model-name for ${scripts.length} script${scripts.length === 1 ? '' : 's'}: give at most one per script, in order`);
        }
        const script = scripts.length === 1 ? scripts[0]! : scripts;
        const apiKey = serverFlags.apiKey ?? (apiKeyFile === undefined ? undefined : readApiKeyFile(apiKeyFile, '--api-key-file'));
        const fromFlags = withoutUndefined({
          ...serverFlags,
          apiKey,
          modelDir: flags.modelDir ?? model_dir,
          corsOrigins: flags.corsOrigins ?? access_control_allow_origins,
        });
        const options = { ...serverOptionsFromEnv(process.env), ...fromFlags };
        const config = resolveServerConfig(options);
        requireModelDir(namedModelDir(flags));
        // A cluster worker runs this command again, on the port its primary already holds.
        if (cluster.isPrimary) await requireFreePort(config.host, config.port);
        await serve({
          ...options,
          script,
          ...(modelNames === undefined ? {} : { modelNames }),
          workers: workers ?? worker_count ?? fromEnv.workers ?? 1,
        });
      } catch (error) {
        if (error instanceof ConfigurationError) command.error(`error: ${error.message}`);
        throw error;
      }
    });
}

/** The model directory the user named (a flag, else `AZUREML_MODEL_DIR`), or undefined for the default `.`. */
function namedModelDir(flags: ServeFlags): NamedModelDir | undefined {
  if (flags.modelDir !== undefined) return { path: flags.modelDir, source: '--model-dir' };
  if (flags.model_dir !== undefined) return { path: flags.model_dir, source: '--model_dir' };
  const fromEnv = process.env.AZUREML_MODEL_DIR?.trim();
  return fromEnv ? { path: fromEnv, source: 'AZUREML_MODEL_DIR' } : undefined;
}

