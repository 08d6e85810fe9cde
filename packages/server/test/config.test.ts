import {
  ConfigurationError,
  DEFAULT_MAX_BODY_BYTES,
  serveOptionsFromEnv,
  serverOptionsFromEnv,
} from '@inferschema/server';
import { resolveServerConfig } from '@inferschema/server/config';
import { resolve } from 'node:path';

describe('configuration', () => {
  it('reads the Azure ML and inferschema variables, ignoring empty ones', () => {
    const env = {
      AZUREML_MODEL_DIR: '/models/ridge/1',
      AML_APP_ROOT: '/app',
      AML_CORS_ORIGINS: 'https://a.example,  https://b.example',
      SCORING_TIMEOUT_MS: '5000',
      SERVICE_NAME: 'ridge',
      SERVICE_VERSION: '2.0',
      SERVICE_PATH_PREFIX: 'api',
      INFERSCHEMA_API_KEY: 'k',
      INFERSCHEMA_MAX_BODY_BYTES: '1024',
      INFERSCHEMA_LOG_LEVEL: 'warn',
      INFERSCHEMA_BATCH_MAX_SIZE: '0',
      INFERSCHEMA_BATCH_MAX_LATENCY_MS: '5',
      INFERSCHEMA_BATCH_MAX_CONCURRENT: '2',
      WORKER_COUNT: '',
    };
    const before = structuredClone(env);
    expect(serverOptionsFromEnv(env)).toEqual({
      modelDir: '/models/ridge/1',
      appRoot: '/app',
      corsOrigins: ['https://a.example', 'https://b.example'],
      scoringTimeoutMs: 5000,
      serviceName: 'ridge',
      serviceVersion: '2.0',
      servicePathPrefix: 'api',
      apiKey: 'k',
      maxBodyBytes: 1024,
      logLevel: 'warn',
      batchMaxSize: 0,
      batchMaxLatencyMs: 5,
      batchMaxConcurrent: 2,
    });
    expect(env).toEqual(before);
  });

  it('resolves the entry script against AML_APP_ROOT and reads WORKER_COUNT', () => {
    expect(serveOptionsFromEnv({ AZUREML_ENTRY_SCRIPT: 'score.ts', AML_APP_ROOT: '/app', WORKER_COUNT: '3' })).toEqual({ script: '/app/score.ts', workers: 3 });
    expect(serveOptionsFromEnv({ AZUREML_ENTRY_SCRIPT: '/abs/score.ts' })).toEqual({ script: '/abs/score.ts' });
    expect(serveOptionsFromEnv({})).toEqual({});
  });

  it('names the variable and the value when a number is not valid', () => {
    expect(() => serverOptionsFromEnv({ SCORING_TIMEOUT_MS: '1.5' })).toThrow(
      new ConfigurationError('SCORING_TIMEOUT_MS must be an integer from 1 to 9007199254740991, got "1.5"'),
    );
    expect(() => serverOptionsFromEnv({ SCORING_TIMEOUT_MS: '0' })).toThrow(ConfigurationError);
    expect(() => serverOptionsFromEnv({ INFERSCHEMA_BATCH_MAX_SIZE: '-1' })).toThrow(
      new ConfigurationError('INFERSCHEMA_BATCH_MAX_SIZE must be an integer from 0 to 9007199254740991, got "-1"'),
    );
    expect(() => serverOptionsFromEnv({ INFERSCHEMA_BATCH_MAX_CONCURRENT: '0' })).toThrow(
      new ConfigurationError('INFERSCHEMA_BATCH_MAX_CONCURRENT must be an integer from 1 to 9007199254740991, got "0"'),
    );
    expect(() => serveOptionsFromEnv({ WORKER_COUNT: 'two' })).toThrow('WORKER_COUNT must be an integer from 1 to 1024, got "two"');
  });

  it('fills in the defaults, later sources winning, and makes directories absolute', () => {
    const config = resolveServerConfig({ port: 1, modelDir: 'model' }, { port: 2, host: undefined });
    expect(config).toMatchObject({
      port: 2,
      host: '127.0.0.1',
      modelDir: resolve('model'),
      appRoot: undefined,
      corsOrigins: [],
      scoringTimeoutMs: 3_600_000,
      serviceName: 'ML service',
      serviceVersion: '1.0',
      servicePathPrefix: '',
      apiKey: undefined,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      shutdownGraceMs: 30_000,
      logLevel: 'info',
    });
  });
});
