import cluster from 'node:cluster';
import { createServer as createHttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Server as NetServer, type Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { modelNameOf } from '@inferschema/core/protocols/oip';
import { loadScoringScript, type LoadedScript } from '@inferschema/core/runtime';
import { pino, type Logger } from 'pino';
import type { Registry } from 'prom-client';
import { configureModelBatching } from './batching.js';
import { resolveServerConfig, type ServerConfig, type ServerOptions } from './config.js';
import type { GrpcListener } from './grpc/grpc-listener.js';
import { accessLog } from './http/access-log.js';
import { BodyBudget } from './http/body-budget.js';
import { watchConnections, type ConnectionWatch } from './http/connections.js';
import { answerClientError } from './http/client-errors.js';
import type { ExchangeShared, RouteHandler } from './http/exchange.js';
import { createRequestListener } from './http/request-listener.js';
import { createRouter } from './http/router.js';
import { turnWrites } from './http/turn-writes.js';
import { createServerMetrics } from './metrics.js';
import { servedModel, type ServedModel } from './oip/served-model.js';
import { batchedStdout, type LogDestination } from './process/batched-stdout.js';
import { RunningRequests } from './process/running-requests.js';
import { docsHandlers } from './routes/docs.js';
import { healthHandlers } from './routes/health.js';
import { metricsHandlers, type MetricsSource } from './routes/metrics.js';
import { oipRouteHandlers } from './routes/oip.js';
import { ALLOWED_METHODS, SERVER_ROUTES, type ServerRouteId } from './routes/route-table.js';
import { scoreHandlers } from './routes/score.js';
import { swaggerHandlers } from './routes/swagger.js';
import type { ServerContext, ServerPhase } from './server-context.js';
import { prepareServiceDocuments } from './service-documents.js';
import type { OipModelDescription } from '@inferschema/openapi';

/** Options of {@link createServer}: the server's configuration, plus what only code (not flags) can set. */
export interface CreateServerOptions extends ServerOptions {
  /** Where the JSON log lines go. Default: standard output (the lines of one event-loop turn written together). */
  readonly logStream?: Writable;
  /** Where `GET /metrics` reads its text (the cluster primary's aggregate, under `--workers`). */
  readonly metricsSource?: MetricsSource;
  /** Where the requests in `run` are tracked (the process life cycle answers them on a forced shutdown). */
  readonly runningRequests?: RunningRequests;
  /** A listening socket's handle to accept on instead of binding `port` (a cluster worker's held listener). */
  readonly listenHandle?: object;
}

/** A scoring server: built, then listening, then ready once `init` has finished. */
export interface ScoringServer {
  /** The `node:http` server (e.g. to close every connection after a grace period). */
  readonly httpServer: Server;
  /** The server's logger: JSON lines (pino) to the log destination, the request lines included. */
  readonly log: Logger;
  readonly script: LoadedScript;
  readonly config: ServerConfig;
  /** The Prometheus registry of this server's metrics. */
  readonly metricsRegistry: Registry;
  /** `starting` until `init` has finished, `ready` then, `closing` once `close` was called. */
  readonly phase: ServerPhase;
  /** The port of the gRPC service once listening (the one picked for `grpcPort: 0`); undefined without gRPC. */
  readonly grpcPort: number | undefined;
  /** Starts accepting connections (HTTP, and gRPC with `grpcPort`); resolves to the HTTP base URL, e.g. `http://127.0.0.1:5001`. */
  listen(): Promise<string>;
  /** Runs the script's `init` with the model directory; the server reports ready once it resolves. */
  initialize(): Promise<void>;
  /** `listen`, then `initialize`. If `init` fails, the server stops listening and the error is thrown. */
  start(): Promise<string>;
  /** Stops accepting connections (HTTP and gRPC) and resolves once in-flight requests have been answered. */
  close(): Promise<void>;
}

/** Every request-time timeout of Node's HTTP server: the longest a whole request (headers and body) may take. */
const REQUEST_TIMEOUT_MS = 120_000;
/**
 * How long a closing cluster worker goes on reading connections it accepted just before it stopped accepting
 * (the other workers go on serving, so these must not be lost); a lone process closes them at once.
 */
const ACCEPTED_SETTLE_MS = 250;

let stdoutDestination: LogDestination | undefined;
const sharedStdout = () => (stdoutDestination ??= batchedStdout());

function runModeLine(script: LoadedScript): string {
  if (script.kind === 'raw') return 'run() is decorated with @rawHttp: it receives the whole request.';
  if (script.kind === 'text') return 'run() is not decorated: it receives the request body as a string.';
  const names = script.parameters.filter((parameter) => parameter.type !== undefined).map((parameter) => parameter.name);
  return `run() has schemas: it receives these parameters from the JSON body: ${names.join(', ')}.`;
}

function buildHttpServer(
  context: ServerContext,
  destination: LogDestination,
  options: CreateServerOptions,
): { http: Server; shared: ExchangeShared; connections: ConnectionWatch } {
  const { config, log } = context;
  const handlers: Record<ServerRouteId, RouteHandler> = {
    ...healthHandlers(context),
    ...scoreHandlers(context),
    ...swaggerHandlers(context),
    ...metricsHandlers(context, options.metricsSource),
    ...docsHandlers(context),
    ...oipRouteHandlers(context),
  };
  const shared: ExchangeShared = {
    metrics: context.metrics,
    accessLog: accessLog(destination, { warn: log.isLevelEnabled('warn'), info: log.isLevelEnabled('info'), debug: log.isLevelEnabled('debug') }),
    log,
    maxBodyBytes: config.maxBodyBytes,
    logQueryString: config.logQueryString,
    closing: false,
    budget: new BodyBudget(config.maxBufferedBodyBytes),
    writes: turnWrites,
  };
  const router = createRouter(SERVER_ROUTES, handlers, ALLOWED_METHODS);
  const http = createHttpServer({
    requestTimeout: REQUEST_TIMEOUT_MS,
    headersTimeout: config.headersTimeoutMs,
    // Node checks header and request timeouts on this interval (default 30 s): a shorter headers timeout is
    // only enforced if the check runs at least as often.
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(config.headersTimeoutMs / 4))),
  });
  http.keepAliveTimeout = config.keepAliveTimeoutMs;
  // Requests Node's parser refuses (400, 408, 431) never reach the listener: counted and logged here.
  http.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    const status = answerClientError(error, socket);
    if (status === undefined) return;
    context.metrics.requestAnswered('-', 'unparsed', status, 0);
    log.warn({ status, code: error.code, remoteAddress: socket.remoteAddress }, 'request refused by the HTTP parser');
  });
  const connections = watchConnections(http, config.sendTimeoutMs, (fields, message) => log.warn(fields, message));
  const listener = createRequestListener(config, shared, router);
  // The connection watch sees each request first, and may turn it away (a client that stopped reading).
  http.on('request', (request, response) => {
    if (connections.admit(request, response)) listener(request, response);
  });
  return { http, shared, connections };
}

/** The gRPC service's modules, imported when a server is configured with a gRPC port. */
async function loadGrpcModules() {
  const [{ inferenceServiceDefinition }, { createInferenceService }, { listenGrpc }] = await Promise.all([
    import('./grpc/inference-proto.js'),
    import('./grpc/inference-service.js'),
    import('./grpc/grpc-listener.js'),
  ]);
  return { inferenceServiceDefinition, createInferenceService, listenGrpc };
}

/** Runs `init`, rejecting once `timeoutMs` has passed (0: no limit); the abandoned `init` is left running. */
async function initWithin(init: () => Promise<void>, timeoutMs: number): Promise<void> {
  if (timeoutMs <= 0) return init();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`init() did not finish within ${timeoutMs} ms (INFERSCHEMA_INIT_TIMEOUT_MS)`)), timeoutMs);
  });
  try {
    await Promise.race([init(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the service documents say of a model's Open Inference Protocol routes (undefined: no tensor form). */
function oipDescriptionOf(model: ServedModel): OipModelDescription | undefined {
  return model.signature ? { name: model.name, inputs: model.signature.inputs, outputs: model.signature.outputs } : undefined;
}

/** One model of a server that serves several: its entry script and (default: the script's file name) its name. */
export interface ModelSource {
  readonly script: LoadedScript | string;
  readonly name?: string | undefined;
}

/**
 * Loads the models: one is served under its name (the file name, or `modelName`) with the model directory
 * itself; each of several gets `<modelDir>/<name>` as its own model directory.
 */
async function loadModels(sources: readonly ModelSource[], config: ServerConfig): Promise<ServedModel[]> {
  if (sources.length === 0) throw new TypeError('createServer: no entry script');
  const models: ServedModel[] = [];
  for (const source of sources) {
    const script = typeof source.script === 'string' ? await loadScoringScript(source.script) : source.script;
    const name = source.name ?? (sources.length === 1 ? config.modelName : undefined) ?? modelNameOf(script.path);
    if (!/^[\w.-]+$/.test(name)) throw new TypeError(`Model name '${name}' must be letters, digits, '_', '-' or '.'`);
    if (models.some((model) => model.name === name)) throw new TypeError(`Two models are named '${name}': give each script its own --model-name`);
    const modelDir = sources.length === 1 ? config.modelDir : join(config.modelDir, name);
    models.push(servedModel(script, { name, modelDir }));
  }
  return models;
}

/**
 * Creates a scoring server for an entry script (or several: each is a model of the Open Inference Protocol
 * routes, `/score` serves a single one): loads it (when given a path), generates its service documents once,
 * and binds the route table's routes to their handlers on a `node:http` server. Nothing listens until `listen`
 * or `start`.
 *
 * @example
 * const server = await createServer('examples/regression/score.ts', { modelDir: 'examples/regression/model', port: 0 });
 * const url = await server.start(); // http://127.0.0.1:<port>, ready
 * await fetch(`${url}/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data": [[1, 2]]}' });
 * await server.close();
 */
export async function createServer(script: LoadedScript | string | readonly ModelSource[], options: CreateServerOptions = {}): Promise<ScoringServer> {
  const config = resolveServerConfig(options);
  const models = await loadModels(typeof script === 'string' || !Array.isArray(script) ? [{ script: script as LoadedScript | string, name: config.modelName }] : script, config);
  const loaded = models[0]!.script;
  const destination: LogDestination = options.logStream ?? sharedStdout();
  const log = pino({ level: config.logLevel }, destination as Writable);
  const context: ServerContext = {
    script: loaded,
    models,
    config,
    metrics: createServerMetrics(),
    documents: await prepareServiceDocuments(loaded, config, oipDescriptionOf(models[0]!)),
    log,
    phase: 'starting',
    running: options.runningRequests ?? new RunningRequests(),
  };
  const batching = models.map((model) => ({ model: model.name, script: model.script.path, options: configureModelBatching(model, config, context.metrics) }));
  const { http, shared, connections } = buildHttpServer(context, destination, options);
  log.info({ script: loaded.path, kind: loaded.kind }, runModeLine(loaded));
  for (const { model, script: path, options: batched } of batching) {
    if (batched) log.info({ model, script: path, ...batched }, `Batching concurrent requests: up to ${batched.maxBatchSize} rows per run, waiting at most ${batched.maxLatencyMs} ms, ${batched.maxConcurrentBatches} run${batched.maxConcurrentBatches === 1 ? '' : 's'} under way before a partial batch waits`);
  }
  for (const [version, document] of context.documents) {
    if (document.userFile) log.info({ version, file: document.userFile }, `Loaded the user's ${version} document`);
  }
  log.info({ versions: [...context.documents.keys()] }, 'Service documents prepared');

  // gRPC's modules (@grpc/grpc-js, the .proto loader) are loaded only by a server that serves it.
  const grpcModules = config.grpcPort === undefined ? undefined : await loadGrpcModules();
  const grpcService = grpcModules?.createInferenceService(context, log);
  let grpc: GrpcListener | undefined;
  let listening: Promise<string> | undefined;
  let closed: Promise<void> | undefined;
  const listenGrpcToo = async (url: string) => {
    if (!grpcModules || !grpcService) return url;
    try {
      grpc = await grpcModules.listenGrpc(grpcModules.inferenceServiceDefinition(), grpcService, { host: config.host, port: config.grpcPort!, maxMessageBytes: config.maxBodyBytes });
    } catch (error) {
      await new Promise((resolve) => http.close(resolve));
      throw error;
    }
    log.info({ grpcPort: grpc.port, host: config.host }, 'Open Inference Protocol gRPC service listening');
    return url;
  };
  const server: ScoringServer = {
    httpServer: http,
    log,
    script: loaded,
    config,
    metricsRegistry: context.metrics.registry,
    get phase() {
      return context.phase;
    },
    get grpcPort() {
      return grpc?.port;
    },
    listen() {
      listening ??= new Promise<string>((resolve, reject) => {
        http.once('error', reject);
        const listened = () => {
          http.off('error', reject);
          const address = http.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          const host = config.host.includes(':') ? `[${config.host}]` : config.host;
          log.info({ url: `http://${host}:${port}` }, `Server listening at http://${host}:${port}`);
          resolve(`http://${host}:${port}`);
        };
        if (options.listenHandle === undefined) http.listen(config.port, config.host, listened);
        else http.listen(options.listenHandle, listened);
      }).then(listenGrpcToo);
      return listening;
    },
    async initialize() {
      const started = performance.now();
      for (const model of models) {
        log.info({ model: model.name, modelDir: model.modelDir }, "Invoking the script's init()");
        await initWithin(() => model.script.init(model.modelDir), config.initTimeoutMs);
        model.ready = true;
      }
      if (context.phase === 'starting') context.phase = 'ready';
      log.info({ durationMs: Math.round(performance.now() - started), scoringTimeoutMs: config.scoringTimeoutMs }, 'init() finished: ready for traffic');
    },
    async start() {
      const url = await server.listen();
      try {
        await server.initialize();
      } catch (error) {
        await server.close();
        throw error;
      }
      return url;
    },
    close() {
      context.phase = 'closing';
      closed ??= Promise.all([
        new Promise<void>((resolve) => {
          if (!http.listening) {
            shared.closing = true;
            return resolve();
          }
          // Stop accepting first (net's close: http's would also close at once, as idle, a connection accepted
          // just before whose request is not read yet; with --workers, every worker accepts from the one socket,
          // so the last connection a stopping worker took ended without an answer during a SIGHUP restart).
          NetServer.prototype.close.call(http, () => resolve());
          setTimeout(() => {
            shared.closing = true;
            // Idle keep-alive connections close now (http's close: also its timeout checks end); busy ones after
            // their answer (which says Connection: close).
            http.close();
            // Clients still sending their headers have no request to finish: they do not hold the shutdown.
            connections.closeWithoutRequest();
          }, cluster.isWorker ? ACCEPTED_SETTLE_MS : 0);
        }),
        grpc?.close(),
      ]).then(() => undefined);
      return closed;
    },
  };
  return server;
}
