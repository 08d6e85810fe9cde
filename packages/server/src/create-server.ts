import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import { loadScoringScript, type LoadedScript } from '@inferschema/core/runtime';
import { fastify, LogController, type FastifyInstance, type RouteHandlerMethod } from 'fastify';
import type { Registry } from 'prom-client';
import { configureScriptBatching } from './batching.js';
import { resolveServerConfig, type ServerConfig, type ServerOptions } from './config.js';
import { answerClientError } from './http/client-errors.js';
import { createFrameworkErrorHandler } from './http/framework-errors.js';
import { registerErrorReplies } from './http/error-replies.js';
import { registerRequestHooks } from './http/hooks.js';
import { registerMemoryBounds } from './http/memory-bounds.js';
import { watchConnections } from './http/connections.js';
import { MAX_REQUEST_ID_LENGTH } from './http/request-ids.js';
import './http/request-state.js';
import { inferenceServiceDefinition } from './grpc/inference-proto.js';
import { createInferenceService } from './grpc/inference-service.js';
import { listenGrpc, type GrpcListener } from './grpc/grpc-listener.js';
import { createServerMetrics } from './metrics.js';
import { batchedStdout, type LogDestination } from './process/batched-stdout.js';
import { docsHandlers } from './routes/docs.js';
import { healthHandlers } from './routes/health.js';
import { metricsHandlers, type MetricsSource } from './routes/metrics.js';
import { ALLOWED_METHODS, SERVER_ROUTES, type ServerRouteId } from './routes/route-table.js';
import { oipRouteHandlers } from './routes/oip.js';
import { scoreHandlers } from './routes/score.js';
import { swaggerHandlers } from './routes/swagger.js';
import { RunningRequests } from './process/running-requests.js';
import type { ServerContext, ServerPhase } from './server-context.js';
import { prepareServiceDocuments } from './service-documents.js';
import { modelNameOf, servedModel, type ServedModel } from './oip/served-model.js';

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
  /** The fastify instance (for `inject` in tests, or to add routes before `listen`). */
  readonly app: FastifyInstance;
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

let stdoutDestination: LogDestination | undefined;
const sharedStdout = () => (stdoutDestination ??= batchedStdout());

function validRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && header.length > 0 && header.length <= MAX_REQUEST_ID_LENGTH ? header : undefined;
}

function runModeLine(script: LoadedScript): string {
  if (script.kind === 'raw') return 'run() is decorated with @rawHttp: it receives the whole request.';
  if (script.kind === 'text') return 'run() is not decorated: it receives the request body as a string.';
  const names = script.parameters.filter((parameter) => parameter.type !== undefined).map((parameter) => parameter.name);
  return `run() has schemas: it receives these parameters from the JSON body: ${names.join(', ')}.`;
}

function buildApp(context: ServerContext, options: CreateServerOptions): FastifyInstance {
  const { config } = context;
  let parserLog: FastifyInstance['log'] | undefined;
  const app = fastify({
    logger: { level: config.logLevel, stream: options.logStream ?? sharedStdout() },
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    genReqId: (request) => validRequestId(request.headers['x-request-id']) ?? randomUUID(),
    // No child logger per request (building one is a measurable share of a small request): the few request
    // log lines name their requestId themselves.
    childLoggerFactory: (logger) => logger,
    bodyLimit: config.maxBodyBytes,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    requestTimeout: 120_000,
    return503OnClosing: true,
    exposeHeadRoutes: true,
    // Requests Node's parser refuses (400, 408, 431) never reach a hook: counted and logged here.
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      const status = answerClientError(error, socket);
      if (status === undefined) return;
      context.metrics.requestAnswered('-', 'unparsed', status, 0);
      parserLog?.warn({ status, code: error.code, remoteAddress: socket.remoteAddress }, 'request refused by the HTTP parser');
    },
    frameworkErrors: createFrameworkErrorHandler(context),
    // Node checks header and request timeouts on this interval (default 30 s): a shorter headers timeout is
    // only enforced if the check runs at least as often.
    http: { connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(config.headersTimeoutMs / 4))) },
  });
  parserLog = app.log;
  app.server.headersTimeout = config.headersTimeoutMs;
  app.decorateRequest('requestIds', null);
  app.decorateRequest('runMs', null);
  app.decorateRequest('receivedAt', 0);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.maxBodyBytes }, (_request, body, done) => done(null, body));

  registerRequestHooks(app, context);
  registerMemoryBounds(app, context);
  registerErrorReplies(app, config);
  const handlers: Record<ServerRouteId, RouteHandlerMethod> = {
    ...healthHandlers(context),
    ...scoreHandlers(context),
    ...swaggerHandlers(context),
    ...metricsHandlers(context, options.metricsSource),
    ...docsHandlers(context),
    ...oipRouteHandlers(context, app.log),
  };
  const declaredHead = new Set<string>(SERVER_ROUTES.filter((route) => route.method === 'HEAD').map((route) => route.path));
  for (const declaration of SERVER_ROUTES) {
    app.route({
      method: declaration.method,
      url: declaration.path,
      exposeHeadRoute: declaration.method === 'GET' && !declaredHead.has(declaration.path),
      config: { declaration },
      handler: handlers[declaration.id],
    });
  }
  // Automatic OPTIONS: the path's methods in `Allow`, on every path that does not declare OPTIONS itself.
  for (const [path, methods] of ALLOWED_METHODS) {
    if (SERVER_ROUTES.some((route) => route.path === path && route.method === 'OPTIONS')) continue;
    const declaration = SERVER_ROUTES.find((route) => route.path === path)!;
    const allow = methods.join(', ');
    app.options(path, { config: { declaration } }, (_request, reply) => reply.code(200).header('allow', allow).send());
  }
  return app;
}

function listenOn(app: FastifyInstance, config: ServerConfig, handle: object | undefined): Promise<unknown> {
  if (handle === undefined) return app.listen({ port: config.port, host: config.host });
  return Promise.resolve(app.ready()).then(
    () =>
      new Promise<void>((resolve, reject) => {
        app.server.once('error', reject);
        app.server.listen(handle, () => {
          app.server.off('error', reject);
          resolve();
        });
      }),
  );
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
 * routes, `/score` serves a single one): loads it (when given a path), generates its service documents
 * once, and builds the routes. Nothing listens until `listen` or `start`.
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
  const context: ServerContext = {
    script: loaded,
    models,
    config,
    metrics: createServerMetrics(),
    documents: await prepareServiceDocuments(loaded, config),
    phase: 'starting',
    running: options.runningRequests ?? new RunningRequests(),
  };
  const batching = models.map((model) => ({ script: model.script.path, options: configureScriptBatching(model.script, config, context.metrics) }));
  const app = buildApp(context, options);
  const connections = watchConnections(app.server, config.sendTimeoutMs, (fields, message) => app.log.warn(fields, message));
  // The connection watch sees each request before fastify does, and may turn it away.
  const [handle] = app.server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  app.server.removeAllListeners('request');
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (connections.admit(request, response)) handle!(request, response);
  });
  app.log.info({ script: loaded.path, kind: loaded.kind }, runModeLine(loaded));
  for (const { script: path, options: batched } of batching) {
    if (batched) app.log.info({ script: path, ...batched }, `Batching concurrent requests: up to ${batched.maxBatchSize} rows per run, waiting at most ${batched.maxLatencyMs} ms`);
  }
  for (const [version, document] of context.documents) {
    if (document.userFile) app.log.info({ version, file: document.userFile }, `Loaded the user's ${version} document`);
  }
  app.log.info({ versions: [...context.documents.keys()] }, 'Service documents prepared');

  const grpcService = config.grpcPort === undefined ? undefined : createInferenceService(context, app.log);
  let grpc: GrpcListener | undefined;
  const listenBoth = async () => {
    await listenOn(app, config, options.listenHandle);
    if (grpcService) {
      try {
        grpc = await listenGrpc(inferenceServiceDefinition(), grpcService, { host: config.host, port: config.grpcPort!, maxMessageBytes: config.maxBodyBytes });
      } catch (error) {
        await app.close();
        throw error;
      }
      app.log.info({ grpcPort: grpc.port, host: config.host }, 'Open Inference Protocol gRPC service listening');
    }
  };

  let listening: Promise<string> | undefined;
  const server: ScoringServer = {
    app,
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
      listening ??= listenBoth().then(() => {
        const address = app.server.address();
        const port = typeof address === 'object' && address ? address.port : config.port;
        const host = config.host.includes(':') ? `[${config.host}]` : config.host;
        return `http://${host}:${port}`;
      });
      return listening;
    },
    async initialize() {
      const started = performance.now();
      for (const model of models) {
        app.log.info({ model: model.name, modelDir: model.modelDir }, "Invoking the script's init()");
        await initWithin(() => model.script.init(model.modelDir), config.initTimeoutMs);
        model.ready = true;
      }
      if (context.phase === 'starting') context.phase = 'ready';
      app.log.info(
        { durationMs: Math.round(performance.now() - started), scoringTimeoutMs: config.scoringTimeoutMs },
        'init() finished: ready for traffic',
      );
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
    async close() {
      context.phase = 'closing';
      const closed = Promise.all([app.close(), grpc?.close()]);
      // Clients still sending their headers (or idle) have no request to finish: they do not hold the shutdown.
      connections.closeWithoutRequest();
      await closed;
    },
  };
  return server;
}
