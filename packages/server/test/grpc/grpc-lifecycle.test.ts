import { Metadata, status } from '@grpc/grpc-js';
import { ConfigurationError, createServer, serverOptionsFromEnv } from '@inferschema/server';
import { resolveServerConfig } from '@inferschema/server/config';
import { fixture, startTestServer, type TestServer } from '../support/harness.js';
import { inferenceClient, type InferenceClient } from './support/inference-client.js';

const serverVersion = (await import('@inferschema/server/package.json', { with: { type: 'json' } })).default.version;

describe('gRPC service: configuration', () => {
  it('is off by default; INFERSCHEMA_GRPC_PORT or grpcPort turns it on', async () => {
    expect(resolveServerConfig({}).grpcPort).toBeUndefined();
    expect(serverOptionsFromEnv({ INFERSCHEMA_GRPC_PORT: '8081' })).toEqual({ grpcPort: 8081 });
    expect(serverOptionsFromEnv({ INFERSCHEMA_GRPC_PORT: '' })).toEqual({});
    expect(() => serverOptionsFromEnv({ INFERSCHEMA_GRPC_PORT: '70000' })).toThrow(
      new ConfigurationError('INFERSCHEMA_GRPC_PORT must be an integer from 0 to 65535, got "70000"'),
    );
    const test = await startTestServer('schema-script.ts');
    try {
      expect(test.server.grpcPort).toBeUndefined();
      expect(test.logs().some((line) => String(line.msg).includes('gRPC'))).toBe(false);
    } finally {
      await test.close();
    }
  });
});

describe('gRPC service: health and server metadata', () => {
  let test: TestServer;
  let client: InferenceClient;

  beforeAll(async () => {
    test = await startTestServer('schema-script.ts', { grpcPort: 0 }, { start: false });
    client = inferenceClient(test.server.grpcPort!);
  });
  afterAll(async () => {
    client.close();
    await test.close();
  });

  it('listens on its own port beside HTTP, and logs it', () => {
    expect(test.server.grpcPort).toBeGreaterThan(0);
    expect(test.url).not.toContain(`:${test.server.grpcPort}`);
    expect(test.logs()).toContainEqual(expect.objectContaining({ msg: 'Open Inference Protocol gRPC service listening', grpcPort: test.server.grpcPort }));
  });

  it('before init: live, not ready, the model not ready', async () => {
    expect(await client.call('ServerLive')).toEqual({ live: true });
    expect(await client.call('ServerReady')).toEqual({ ready: false });
    expect(await client.call('ModelReady', { name: 'schema-script' })).toEqual({ ready: false });
  });

  it('after init: live, ready, the model ready', async () => {
    await test.server.initialize();
    expect(await client.call('ServerLive')).toEqual({ live: true });
    expect(await client.call('ServerReady')).toEqual({ ready: true });
    expect(await client.call('ModelReady', { name: 'schema-script' })).toEqual({ ready: true });
  });

  it('ServerMetadata names the server, its version and its extensions', async () => {
    expect(await client.call('ServerMetadata')).toEqual({ name: 'inferschema', version: serverVersion, extensions: ['binary_tensor_data'] });
  });

  it('ModelReady: NOT_FOUND for an unknown model or version, naming it', async () => {
    const unknown = await client.failure('ModelReady', { name: 'nope' });
    expect([unknown.code, unknown.details]).toEqual([status.NOT_FOUND, "Unknown model 'nope'; this server serves 'schema-script'"]);
    const version = await client.failure('ModelReady', { name: 'schema-script', version: '7' });
    expect([version.code, version.details]).toEqual([status.NOT_FOUND, "Unknown version '7' of model 'schema-script'; it has no versions"]);
  });

  it('logs each call with its rpc, status code and duration (health calls at debug)', () => {
    const lines = test.logs().filter((line) => line.msg === 'grpc call completed');
    expect(lines).toContainEqual(expect.objectContaining({ rpc: 'ServerMetadata', code: 'OK', level: 30 }));
    expect(lines).toContainEqual(expect.objectContaining({ rpc: 'ModelReady', code: 'NOT_FOUND', level: 20 }));
    expect(lines.every((line) => typeof line.durationMs === 'number')).toBe(true);
  });
});

describe('gRPC service: API key', () => {
  it('needs `authorization: Bearer <key>` metadata, except on the health rpcs', async () => {
    const test = await startTestServer('schema-script.ts', { grpcPort: 0, apiKey: 's3cret' });
    const client = inferenceClient(test.server.grpcPort!);
    try {
      const missing = await client.failure('ServerMetadata');
      expect([missing.code, missing.details]).toEqual([status.UNAUTHENTICATED, 'Missing or invalid API key. Send it as Authorization: Bearer <key>.']);
      const wrong = new Metadata();
      wrong.set('authorization', 'Bearer nope');
      expect((await client.failure('ServerMetadata', {}, wrong)).code).toBe(status.UNAUTHENTICATED);
      const right = new Metadata();
      right.set('authorization', 'Bearer s3cret');
      expect(await client.call('ServerMetadata', {}, right)).toMatchObject({ name: 'inferschema' });
      expect(await client.call('ServerLive')).toEqual({ live: true });
      expect(await client.call('ServerReady')).toEqual({ ready: true });
      expect(await client.call('ModelReady', { name: 'schema-script' })).toEqual({ ready: true });
    } finally {
      client.close();
      await test.close();
    }
  });
});

describe('gRPC service: shutdown', () => {
  it('closes with the server: new calls fail UNAVAILABLE and the port is released', async () => {
    const test = await startTestServer('schema-script.ts', { grpcPort: 0 });
    const port = test.server.grpcPort!;
    const client = inferenceClient(port);
    expect(await client.call('ServerLive')).toEqual({ live: true });
    await test.close();
    expect((await client.failure('ServerLive')).code).toBe(status.UNAVAILABLE);
    client.close();
    const again = await startTestServer('schema-script.ts', { grpcPort: port });
    try {
      expect(again.server.grpcPort).toBe(port);
    } finally {
      await again.close();
    }
  });

  it('fails to listen, closing HTTP too, when the gRPC port is taken', async () => {
    const first = await startTestServer('schema-script.ts', { grpcPort: 0 });
    try {
      const second = await createServer(fixture('schema-script.ts'), { port: 0, grpcPort: first.server.grpcPort!, logLevel: 'silent' });
      await expect(second.listen()).rejects.toThrow(/No address added/);
      expect(second.httpServer.listening).toBe(false);
    } finally {
      await first.close();
    }
  });
});
