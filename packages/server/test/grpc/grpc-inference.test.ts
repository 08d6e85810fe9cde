import { PassThrough } from 'node:stream';
import { makeGenericClientConstructor, credentials, status, type ServiceError } from '@grpc/grpc-js';
import { createServer } from '@inferschema/server';
import { fixture, startTestServer, type TestServer } from '../support/harness.js';
import { metric, until } from '../support/polling.js';
import { inferenceClient, type InferenceClient } from './support/inference-client.js';

// ModelMetadata and ModelInfer through an @grpc/grpc-js client: the specification's example request (JSON-like
// contents and raw_input_contents), exact 64-bit integers, BYTES, and every way a request can be refused.

const f32 = (values: number[]) => values.map(Math.fround);
const rawUint32 = (values: number[]) => Buffer.from(Uint32Array.from(values).buffer);
const rawBool = (values: boolean[]) => Buffer.from(values.map(Number));
const floatsOf = (bytes: Buffer) => Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));

/** The specification's example request (inference_rest.md), with input1 holding the three elements its shape says. */
const SPEC_REQUEST = {
  model_name: 'spec-example-script',
  id: '42',
  inputs: [
    { name: 'input0', shape: [2, 2], datatype: 'UINT32', contents: { uint_contents: [1, 2, 3, 4] } },
    { name: 'input1', shape: [3], datatype: 'BOOL', contents: { bool_contents: [true, true, true] } },
  ],
  outputs: [{ name: 'output' }],
};
const SPEC_OUTPUT = f32([1.0, 1.1, 2.0, 2.1, 3.0, 3.1]);

/** The spec request with its inputs changed. */
const withInputs = (inputs: object[], more: object = {}) => ({ ...SPEC_REQUEST, inputs, ...more });
const [INPUT0, INPUT1] = SPEC_REQUEST.inputs as [object, object];

async function expectFailure(client: InferenceClient, rpc: 'ModelInfer' | 'ModelMetadata', request: object, code: status, details: string | RegExp) {
  const error = await client.failure(rpc, request);
  expect({ code: status[error.code], details: error.details }).toEqual({ code: status[code], details: typeof details === 'string' ? details : expect.stringMatching(details) });
}

describe('gRPC ModelMetadata and ModelInfer', () => {
  let example: TestServer;
  let text: TestServer;
  let exact: TestServer;
  let client: InferenceClient;
  let textClient: InferenceClient;
  let exactClient: InferenceClient;

  beforeAll(async () => {
    [example, text, exact] = await Promise.all([
      startTestServer('spec-example-script.ts', { grpcPort: 0 }),
      startTestServer('text-script.ts', { grpcPort: 0, scoringTimeoutMs: 1_000 }),
      startTestServer('exact-integer-script.ts', { grpcPort: 0 }),
    ]);
    client = inferenceClient(example.server.grpcPort!);
    textClient = inferenceClient(text.server.grpcPort!);
    exactClient = inferenceClient(exact.server.grpcPort!);
  });
  afterAll(async () => {
    for (const each of [client, textClient, exactClient]) each.close();
    await Promise.all([example.close(), text.close(), exact.close()]);
  });

  describe('ModelMetadata', () => {
    it('lists the tensors derived from the samples, -1 for the free batch dimension', async () => {
      expect(await client.call('ModelMetadata', { name: 'spec-example-script' })).toEqual({
        name: 'spec-example-script',
        versions: [],
        platform: 'inferschema',
        inputs: [
          { name: 'input0', datatype: 'UINT32', shape: ['-1', '2'] },
          { name: 'input1', datatype: 'BOOL', shape: ['-1'] },
        ],
        outputs: [{ name: 'output', datatype: 'FP32', shape: ['-1', '2'] }],
        properties: {},
      });
    });

    it('NOT_FOUND for an unknown model or version', async () => {
      await expectFailure(client, 'ModelMetadata', { name: 'nope' }, status.NOT_FOUND, "Unknown model 'nope'; this server serves 'spec-example-script'");
      await expectFailure(client, 'ModelMetadata', { name: 'spec-example-script', version: '2' }, status.NOT_FOUND, "Unknown version '2' of model 'spec-example-script'; it has no versions");
    });
  });

  describe('ModelInfer: the specification example', () => {
    it('with contents: answers the id, the model and the FP32 [3, 2] output in fp32_contents', async () => {
      const response = await client.call('ModelInfer', SPEC_REQUEST);
      expect(response).toEqual({
        model_name: 'spec-example-script',
        model_version: '',
        id: '42',
        parameters: {},
        outputs: [{ name: 'output', datatype: 'FP32', shape: ['3', '2'], parameters: {}, contents: expect.any(Object) }],
        raw_output_contents: [],
      });
      expect(response.outputs[0].contents.fp32_contents).toEqual(SPEC_OUTPUT);
    });

    it('with raw_input_contents: answers raw_output_contents (little-endian FP32), no contents', async () => {
      const response = await client.call(
        'ModelInfer',
        withInputs([{ name: 'input0', shape: [2, 2], datatype: 'UINT32' }, { name: 'input1', shape: [3], datatype: 'BOOL' }], {
          raw_input_contents: [rawUint32([1, 2, 3, 4]), rawBool([true, true, true])],
        }),
      );
      expect(response.outputs).toEqual([{ name: 'output', datatype: 'FP32', shape: ['3', '2'], parameters: {}, contents: null }]);
      expect(response.raw_output_contents).toHaveLength(1);
      expect(floatsOf(response.raw_output_contents[0])).toEqual(SPEC_OUTPUT);
    });

    it('computes from the inputs (not a canned answer), and returns every output when none is requested', async () => {
      const response = await client.call(
        'ModelInfer',
        withInputs([{ ...INPUT0, contents: { uint_contents: [2, 0, 0, 0] } }, { ...INPUT1, shape: [2], contents: { bool_contents: [false, true] } }], { outputs: [], id: '' }),
      );
      expect(response.id).toBe('');
      expect(response.outputs[0].shape).toEqual(['2', '2']);
      expect(response.outputs[0].contents.fp32_contents).toEqual(f32([2, 2, 4, 4.1]));
    });
  });

  describe('ModelInfer: exact 64-bit integers and BYTES', () => {
    it('INT64 beyond 2^53 arrives and leaves exactly, in int64_contents and in raw bytes', async () => {
      const request = { model_name: 'exact-integer-script', inputs: [{ name: 'id', datatype: 'INT64', shape: [1], contents: { int64_contents: ['9223372036854775806'] } }] };
      const response = await exactClient.call('ModelInfer', request);
      expect(response.outputs[0]).toMatchObject({ name: 'output', datatype: 'INT64', shape: ['1'] });
      expect(response.outputs[0].contents.int64_contents).toEqual(['9223372036854775807']);

      const raw = Buffer.from(BigInt64Array.of(9007199254740993n).buffer);
      const rawResponse = await exactClient.call('ModelInfer', { ...request, inputs: [{ name: 'id', datatype: 'INT64', shape: [1] }], raw_input_contents: [raw] });
      const bytes: Buffer = rawResponse.raw_output_contents[0];
      expect(bytes.readBigInt64LE(0)).toBe(9007199254740994n);
    });

    it('BYTES from bytes_contents and from length-prefixed raw bytes reach a text run as a string', async () => {
      const request = { model_name: 'text-script', inputs: [{ name: 'body', datatype: 'BYTES', shape: [1], contents: { bytes_contents: [Buffer.from('héllo')] } }] };
      const response = await textClient.call('ModelInfer', request);
      const byName = Object.fromEntries(response.outputs.map((output: any) => [output.name, output]));
      expect(byName.body.datatype).toBe('BYTES');
      expect(byName.body.contents.bytes_contents.map(String)).toEqual(['héllo']);
      expect(Number((Object.values(byName.length.contents) as unknown[][]).find((values) => values.length > 0)![0])).toBe(5);

      const element = Buffer.from('hi');
      const prefixed = Buffer.concat([Buffer.from([element.length, 0, 0, 0]), element]);
      const raw = await textClient.call('ModelInfer', { ...request, inputs: [{ name: 'body', datatype: 'BYTES', shape: [1] }], raw_input_contents: [prefixed] });
      const bodyIndex = raw.outputs.findIndex((output: any) => output.name === 'body');
      expect(raw.raw_output_contents[bodyIndex]).toEqual(prefixed);
    });
  });

  describe('ModelInfer: refused requests name the tensor and the problem', () => {
    it.each([
      ['an unknown model', { ...SPEC_REQUEST, model_name: 'nope' }, status.NOT_FOUND, "Unknown model 'nope'; this server serves 'spec-example-script'"],
      ['an unknown version', { ...SPEC_REQUEST, model_version: '3' }, status.NOT_FOUND, "Unknown version '3' of model 'spec-example-script'; it has no versions"],
      ['a wrong datatype', withInputs([{ ...INPUT0, datatype: 'INT32', contents: { int_contents: [1, 2, 3, 4] } }, INPUT1]), status.INVALID_ARGUMENT, "input 'input0': datatype INT32, expected UINT32"],
      ['an unknown datatype', withInputs([{ ...INPUT0, datatype: 'FP128' }, INPUT1]), status.INVALID_ARGUMENT, /^input 'input0': datatype "FP128" is unknown; it must be one of BOOL, /],
      ['a shape that does not fit', withInputs([{ ...INPUT0, shape: [1, 4] }, INPUT1]), status.INVALID_ARGUMENT, "input 'input0': shape [1, 4] does not fit [-1, 2] (-1 is any size)"],
      ['a negative dimension', withInputs([{ ...INPUT0, shape: [-1, 2] }, INPUT1]), status.INVALID_ARGUMENT, "input 'input0': shape [-1, 2] must hold non-negative integers"],
      ['fewer elements than the shape', withInputs([{ ...INPUT0, contents: { uint_contents: [1, 2, 3] } }, INPUT1]), status.INVALID_ARGUMENT, "input 'input0': shape [2, 2] needs 4 elements, but data has 3"],
      ['a missing input', withInputs([INPUT0]), status.INVALID_ARGUMENT, "input 'input1' is missing; the model's inputs are 'input0', 'input1'"],
      ['an extra input', withInputs([INPUT0, INPUT1, { ...INPUT1, name: 'input9' }]), status.INVALID_ARGUMENT, "unknown input 'input9'; the model's inputs are 'input0', 'input1'"],
      ['an input given twice', withInputs([INPUT0, INPUT0, INPUT1]), status.INVALID_ARGUMENT, "input 'input0' appears twice"],
      ['an input without a name', withInputs([{ ...INPUT0, name: '' }, INPUT1]), status.INVALID_ARGUMENT, 'input 0 needs a name (a non-empty string)'],
      ['elements in the wrong contents field', withInputs([{ ...INPUT0, contents: { int_contents: [1, 2, 3, 4] } }, INPUT1]), status.INVALID_ARGUMENT, "input 'input0': datatype UINT32 takes its elements in contents.uint_contents, not contents.int_contents"],
      ['FP16 in contents', withInputs([{ ...INPUT0, datatype: 'FP16' }, INPUT1]), status.INVALID_ARGUMENT, "input 'input0': FP16 elements have no contents field; send them in raw_input_contents"],
      ['an unknown requested output', { ...SPEC_REQUEST, outputs: [{ name: 'output7' }] }, status.INVALID_ARGUMENT, "unknown output 'output7'; the model's outputs are 'output'"],
      [
        'fewer raw entries than inputs',
        withInputs([{ name: 'input0', shape: [2, 2], datatype: 'UINT32' }, { name: 'input1', shape: [3], datatype: 'BOOL' }], { raw_input_contents: [rawUint32([1, 2, 3, 4])] }),
        status.INVALID_ARGUMENT,
        'raw_input_contents has 1 entries for 2 inputs; it needs one per input, in order',
      ],
      [
        'raw entries and contents together',
        withInputs([INPUT0, { name: 'input1', shape: [3], datatype: 'BOOL' }], { raw_input_contents: [rawUint32([1, 2, 3, 4]), rawBool([true, true, true])] }),
        status.INVALID_ARGUMENT,
        "input 'input0': has contents.uint_contents while raw_input_contents is used; send one or the other",
      ],
      [
        'raw bytes that do not match the shape',
        withInputs([{ name: 'input0', shape: [2, 2], datatype: 'UINT32' }, { name: 'input1', shape: [3], datatype: 'BOOL' }], {
          raw_input_contents: [rawUint32([1, 2, 3, 4]).subarray(1), rawBool([true, true, true])],
        }),
        status.INVALID_ARGUMENT,
        "input 'input0': binary data is 15 bytes, but 4 UINT32 elements take 16",
      ],
      [
        'a raw BOOL byte that is not 0 or 1',
        withInputs([{ name: 'input0', shape: [2, 2], datatype: 'UINT32' }, { name: 'input1', shape: [3], datatype: 'BOOL' }], {
          raw_input_contents: [rawUint32([1, 2, 3, 4]), Buffer.from([1, 2, 0])],
        }),
        status.INVALID_ARGUMENT,
        "input 'input1': BOOL element 1 is the byte 2; it must be 0 or 1",
      ],
    ])('%s', async (_case, request, code, details) => {
      await expectFailure(client, 'ModelInfer', request, code, details);
    });

    it('a BYTES element whose length overruns the raw bytes, and one that is not UTF-8 for a text run', async () => {
      const request = { model_name: 'text-script', inputs: [{ name: 'body', datatype: 'BYTES', shape: [1] }] };
      await expectFailure(textClient, 'ModelInfer', { ...request, raw_input_contents: [Buffer.from([255, 0, 0, 0, 97])] }, status.INVALID_ARGUMENT, "input 'body': BYTES element 0 is 255 bytes long, but only 1 bytes remain");
      await expectFailure(textClient, 'ModelInfer', { ...request, raw_input_contents: [Buffer.from([1, 0])] }, status.INVALID_ARGUMENT, "input 'body': BYTES element 0 needs a 4-byte length at byte 0, but the binary data is 2 bytes");
      await expectFailure(textClient, 'ModelInfer', { ...request, raw_input_contents: [Buffer.from([1, 0, 0, 0, 0xff])] }, status.INVALID_ARGUMENT, "input 'body': BYTES element 0 is not UTF-8 text");
    });

    it('a run that throws is INTERNAL without its detail, logged with it; a run past the scoring timeout is DEADLINE_EXCEEDED', async () => {
      const call = (body: string) => ({ model_name: 'text-script', inputs: [{ name: 'body', datatype: 'BYTES', shape: [1], contents: { bytes_contents: [Buffer.from(body)] } }] });
      await expectFailure(textClient, 'ModelInfer', call('throw'), status.INTERNAL, "Model 'text-script': run() failed; see the server log");
      expect(text.logs()).toContainEqual(expect.objectContaining({ msg: 'run() failed', rpc: 'ModelInfer', err: expect.objectContaining({ message: 'secret detail from run' }) }));
      await expectFailure(textClient, 'ModelInfer', call('sleep:1500'), status.DEADLINE_EXCEEDED, "Model 'text-script': scoring timeout after 1000 ms");
    });

    it('a message that is not protobuf, and one over the size limit, fail with a status; the server keeps serving', async () => {
      const Generic = makeGenericClientConstructor({}, 'Garbage');
      const raw = new Generic(`127.0.0.1:${example.server.grpcPort}`, credentials.createInsecure());
      const garbage = await new Promise<ServiceError>((resolve) =>
        raw.makeUnaryRequest('/inference.GRPCInferenceService/ModelInfer', (value: Buffer) => value, (value: Buffer) => value, Buffer.from([0x0a, 0xff, 0xff]), (error) => resolve(error!)),
      );
      raw.close();
      expect(garbage.code).toBe(status.INTERNAL);

      const big = await client.failure('ModelInfer', withInputs([{ name: 'input0', shape: [2, 2], datatype: 'UINT32' }], { raw_input_contents: [Buffer.alloc(17 * 1024 * 1024)] }));
      expect(big.code).toBe(status.RESOURCE_EXHAUSTED);
      expect((await client.call('ModelInfer', SPEC_REQUEST)).outputs[0].contents.fp32_contents).toEqual(SPEC_OUTPUT);
    });

    it('counts each inference in inferschema_run_duration_seconds by outcome', async () => {
      const metrics = await text.server.metricsRegistry.metrics();
      expect(metrics).toMatch(/inferschema_run_duration_seconds_count\{outcome="error"\} [1-9]/);
      expect(metrics).toMatch(/inferschema_run_duration_seconds_count\{outcome="timeout"\} 1/);
      expect(metrics).toMatch(/inferschema_run_duration_seconds_count\{outcome="success"\} [1-9]/);
    });
  });
});

describe('gRPC ModelInfer around init and shutdown', () => {
  it('UNAVAILABLE until init() has finished, then served', async () => {
    const test = await startTestServer('spec-example-script.ts', { grpcPort: 0 }, { start: false });
    const client = inferenceClient(test.server.grpcPort!);
    try {
      await expectFailure(client, 'ModelInfer', SPEC_REQUEST, status.UNAVAILABLE, "Model 'spec-example-script' is not ready: init() has not finished");
      await test.server.initialize();
      expect((await client.call('ModelInfer', SPEC_REQUEST)).outputs[0].contents.fp32_contents).toEqual(SPEC_OUTPUT);
    } finally {
      client.close();
      await test.close();
    }
  });

  it('a call in flight when the server closes is answered; the next one is refused', async () => {
    const test = await startTestServer('text-script.ts', { grpcPort: 0 });
    const client = inferenceClient(test.server.grpcPort!);
    const request = { model_name: 'text-script', inputs: [{ name: 'body', datatype: 'BYTES', shape: [1], contents: { bytes_contents: [Buffer.from('sleep:400')] } }] };
    const hooks = globalThis as { textScriptSleeping?: () => void };
    const sleeping = new Promise<void>((resolve) => (hooks.textScriptSleeping = resolve));
    try {
      const inFlight = client.call('ModelInfer', request);
      await sleeping; // run has the call: close while it sleeps
      const closed = test.close();
      const response = await inFlight;
      expect(response.outputs.find((output: any) => output.name === 'slept')).toBeDefined();
      await closed;
      expect((await client.failure('ModelInfer', request)).code).toBe(status.UNAVAILABLE);
    } finally {
      delete hooks.textScriptSleeping;
      client.close();
    }
  });

  it('a @rawHttp script has no tensor form: no tensors in its metadata, and ModelInfer is INVALID_ARGUMENT, saying why', async () => {
    const test = await startTestServer('raw-script.ts', { grpcPort: 0 });
    const client = inferenceClient(test.server.grpcPort!);
    try {
      expect(await client.call('ModelMetadata', { name: 'raw-script' })).toMatchObject({ name: 'raw-script', inputs: [], outputs: [] });
      const why = "Model 'raw-script' has no Open Inference Protocol form: run is @rawHttp: it reads the HTTP request itself, which has no tensor form; use /score";
      await expectFailure(client, 'ModelInfer', { model_name: 'raw-script' }, status.INVALID_ARGUMENT, why);
      expect(await client.call('ModelReady', { name: 'raw-script' })).toEqual({ ready: true });
    } finally {
      client.close();
      await test.close();
    }
  });
});

describe('gRPC ModelInfer with a batched script', () => {
  it('concurrent calls join one batch: one run for all, each answered with its own rows', async () => {
    const test = await startTestServer('batched-script.ts', { grpcPort: 0, batchMaxLatencyMs: 200 });
    const client = inferenceClient(test.server.grpcPort!);
    const request = (x: number) => ({ model_name: 'batched-script', inputs: [{ name: 'data', datatype: 'FP64', shape: [1, 1], contents: { fp64_contents: [x] } }] });
    try {
      const responses = await Promise.all([1, 2, 3].map((x) => client.call('ModelInfer', request(x))));
      const rows = responses.map((response) => response.outputs[0].contents.fp64_contents);
      expect(rows.map((row) => row.slice(0, 2))).toEqual([[2, 3], [4, 3], [6, 3]]);
      expect(new Set(rows.map((row) => row[2])).size).toBe(1);
    } finally {
      client.close();
      await test.close();
    }
  });
});

describe('gRPC ModelInfer: a batched call whose client cancels it', () => {
  it('leaves its batch as a departed client (info line, CANCELLED), the others of the batch are answered', async () => {
    // A batch waits for a free run (or 8 rows): the calls queued behind a busy run form the next one.
    const test = await startTestServer('batched-script.ts', { grpcPort: 0, batchMaxLatencyMs: 60_000 });
    const client = inferenceClient(test.server.grpcPort!);
    const request = (x: number) => ({ model_name: 'batched-script', inputs: [{ name: 'data', datatype: 'FP64', shape: [1, 1], contents: { fp64_contents: [x] } }] });
    const queued = () => metric(test.url, 'inferschema_batch_queued_requests{model="batched-script"}');
    const gate = globalThis as { batchedScriptGate?: Promise<void> };
    let open!: () => void;
    gate.batchedScriptGate = new Promise<void>((resolve) => (open = resolve));
    try {
      await client.call('ServerLive');
      // A call whose run waits at the gate: the next calls queue behind it and form one batch.
      const blocker = client.call('ModelInfer', request(-1));
      await until(async () => (await metric(test.url, 'inferschema_batch_rows_count{model="batched-script"}')) === 1, 'the blocking run to start');
      const stays = [1, 2].map((x) => client.call('ModelInfer', request(x)));
      const leaves = client.cancellable('ModelInfer', request(3));
      await until(async () => (await queued()) === 3, 'the three calls to queue behind the blocker');
      leaves.cancel();
      await expect(leaves.response).rejects.toMatchObject({ code: status.CANCELLED });
      await until(async () => (await queued()) === 2, 'the cancelled call to leave the queue');
      await until(() => test.logs().some((line) => line.msg === 'The client closed the connection before its batch ran'), "the cancelled call's log line");
      open();
      // [2x, rows of the batch, call]: the batch held the two calls that stayed.
      const rows = (await Promise.all(stays)).map((response) => response.outputs[0].contents.fp64_contents);
      expect(rows).toEqual([[2, 2, 2], [4, 2, 2]]);
      expect((await blocker).outputs[0].contents.fp64_contents).toEqual([-2, 1, 1]);
      expect(await queued()).toBe(0);

      const gone = test.logs().filter((line) => line.msg === 'The client closed the connection before its batch ran');
      expect(gone).toEqual([expect.objectContaining({ level: 30, rpc: 'ModelInfer', model: 'batched-script' })]);
      expect(test.logs().filter((line) => (line.level as number) >= 50)).toEqual([]);
      expect(test.logs().filter((line) => line.msg === 'grpc call completed' && line.rpc === 'ModelInfer').map((line) => line.code).sort()).toEqual(['CANCELLED', 'OK', 'OK', 'OK']);
      // Three runs succeeded (the blocker, the two that stayed), none failed; two batches of 1 and 2 requests.
      expect(await metric(test.url, 'inferschema_run_duration_seconds_count{outcome="success"}')).toBe(3);
      expect(await metric(test.url, 'inferschema_run_duration_seconds_count{outcome="error"}')).toBe(0);
      expect(await metric(test.url, 'inferschema_batch_requests_sum{model="batched-script"}')).toBe(3);
      expect(await metric(test.url, 'inferschema_batch_requests_count{model="batched-script"}')).toBe(2);
    } finally {
      open();
      client.close();
      await test.close();
    }
  });
});

describe('gRPC with several models in one server', () => {
  it('serves each by name, from the same registry as REST; NOT_FOUND lists them', async () => {
    const stream = new PassThrough();
    const server = await createServer([{ script: fixture('spec-example-script.ts') }, { script: fixture('exact-integer-script.ts'), name: 'ids' }], {
      modelDir: fixture('model'),
      port: 0,
      grpcPort: 0,
      logStream: stream,
    });
    await server.start();
    const client = inferenceClient(server.grpcPort!);
    try {
      expect(await client.call('ModelReady', { name: 'ids' })).toEqual({ ready: true });
      expect((await client.call('ModelMetadata', { name: 'ids' })).inputs).toEqual([{ name: 'id', datatype: 'INT64', shape: ['1'] }]);
      const ids = await client.call('ModelInfer', { model_name: 'ids', inputs: [{ name: 'id', datatype: 'INT64', shape: [1], contents: { int64_contents: ['41'] } }] });
      expect([ids.model_name, ids.outputs[0].contents.int64_contents]).toEqual(['ids', ['42']]);
      expect((await client.call('ModelInfer', SPEC_REQUEST)).outputs[0].contents.fp32_contents).toEqual(SPEC_OUTPUT);
      await expectFailure(client, 'ModelInfer', { ...SPEC_REQUEST, model_name: 'exact-integer-script' }, status.NOT_FOUND, "Unknown model 'exact-integer-script'; this server serves 'spec-example-script', 'ids'");
    } finally {
      client.close();
      await server.close();
    }
  });
});
