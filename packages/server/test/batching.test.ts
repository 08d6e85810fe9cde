import { PassThrough } from 'node:stream';
import { createServer } from '@inferschema/server';
import { fixture, postJson, startTestServer, type RawResponse, type TestServer } from './support/harness.js';
import { metric, seriesValue, until } from './support/polling.js';

/** [2x, rows of the batch, number of the call of run] for each row (see fixtures/batched-script.ts). */
type Answer = [number, number, number][];

/** POSTs rows of one value each; `id` becomes the request id. */
const score = (server: TestServer, values: number[], id?: string): Promise<RawResponse> =>
  postJson(`${server.url}/score`, JSON.stringify({ data: values.map((value) => [value]) }), id ? { 'x-request-id': id } : {});

const answer = (response: RawResponse) => response.json as Answer;

/** The batches the fixture's model has started. */
const batches = (server: TestServer) => metric(server.url, 'inferschema_batch_rows_count{model="batched-script"}');
/** The fixture model's requests waiting for their batch. */
const queued = (server: TestServer) => metric(server.url, 'inferschema_batch_queued_requests{model="batched-script"}');
const queuedAre = (server: TestServer, count: number) => until(async () => (await queued(server)) === count, `${count} requests queued`);

/** Sends a request whose run waits at a gate; resolves once that run has started. */
async function occupy(server: TestServer): Promise<{ blocker: Promise<RawResponse>; open(): void }> {
  let open!: () => void;
  (globalThis as { batchedScriptGate?: Promise<void> }).batchedScriptGate = new Promise<void>((resolve) => (open = resolve));
  const started = await batches(server);
  const blocker = score(server, [-1]);
  await until(async () => (await batches(server)) > started, 'the blocking run to start');
  return { blocker, open };
}

/**
 * Occupies run, sends `requests`, waits until `waiting` of them wait for a batch (and `started` batches other
 * than the blocker's have started, for requests that run at once), then lets run go on. Resolves to their
 * responses.
 */
async function behindBusyRun(server: TestServer, waiting: number, requests: () => Promise<RawResponse>[], started = 0): Promise<RawResponse[]> {
  const { blocker, open } = await occupy(server);
  const before = await batches(server);
  const pending = requests();
  await until(async () => (await batches(server)) >= before + started, `${started} batches to start beside the blocker's`);
  await queuedAre(server, waiting);
  open();
  const responses = await Promise.all(pending);
  expect((await blocker).status).toBe(200);
  return responses;
}

describe('adaptive batching over HTTP (a script declared with batch)', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Batches form only when run is free or a batch is full: what joins a batch does not depend on timing.
    server = await startTestServer('batched-script.ts', { batchMaxLatencyMs: 60_000 });
  });
  afterAll(() => server.close());

  it('logs the batching in effect at start', () => {
    expect(server.logs().find((line) => String(line.msg).startsWith('Batching'))).toMatchObject({
      maxBatchSize: 8,
      maxLatencyMs: 60_000,
      maxConcurrentBatches: 1,
      msg: 'Batching concurrent requests: up to 8 rows per run, waiting at most 60000 ms, 1 run under way before a partial batch waits',
    });
  });

  it('runs concurrent requests once, stacked; each caller gets its own rows, request id, status and timing header', async () => {
    const responses = await behindBusyRun(server, 3, () => [score(server, [1], 'one'), score(server, [2, 3], 'two'), score(server, [4, 5, 6], 'three')]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(responses.map((response) => response.headers['x-request-id'])).toEqual(['one', 'two', 'three']);
    for (const response of responses) expect(Number(response.headers['x-ms-run-fn-exec-ms'])).toBeGreaterThan(0);
    const [one, two, three] = responses.map(answer);
    const call = one![0]![2];
    expect(one).toEqual([[2, 6, call]]);
    expect(two).toEqual([[4, 6, call], [6, 6, call]]);
    expect(three).toEqual([[8, 6, call], [10, 6, call], [12, 6, call]]);
  });

  it('answers a request that fails validation with 400 on its own: it never joins the batch', async () => {
    const [good, bad, other] = await behindBusyRun(server, 2, () => [
      score(server, [1, 2]),
      postJson(`${server.url}/score`, JSON.stringify({ data: [[1, 2]] })),
      score(server, [3]),
    ]);
    expect(bad!.status).toBe(400);
    expect(bad!.json).toEqual({ message: 'Invalid input at /data/0: must have exactly 1 item', errors: [{ path: '/data/0', message: 'must have exactly 1 item' }] });
    expect(answer(good!)).toEqual([[2, 3, expect.any(Number)], [4, 3, expect.any(Number)]]);
    expect(answer(other!)).toEqual([[6, 3, answer(good!)[0]![2]]]);
  });

  it('answers 500 to every request of a batch whose run throws; the next batch is served', async () => {
    const responses = await behindBusyRun(server, 3, () => [score(server, [1]), score(server, [-2]), score(server, [3, 4])]);
    for (const response of responses) {
      expect(response.status).toBe(500);
      expect(response.headers['x-ms-run-function-failed']).toBe('True');
    }
    const after = await score(server, [7]);
    expect([after.status, answer(after)[0]![0]]).toEqual([200, 14]);
  });

  it('never puts more than maxBatchSize rows in one run; a larger request runs alone, at once', async () => {
    let twelve: Promise<RawResponse> | undefined;
    // The twelve rows run at once, alone; the first five fill a batch as far as it goes and run at once too.
    const [five, fiveMore] = await behindBusyRun(server, 1, () => {
      twelve = score(server, Array(12).fill(3));
      return [score(server, [1, 1, 1, 1, 1]), score(server, [2, 2, 2, 2, 2])];
    }, 2);
    expect(answer(five!)[0]![1]).toBe(5);
    expect(answer(fiveMore!)[0]![1]).toBe(5);
    expect(answer(five!)[0]![2]).not.toBe(answer(fiveMore!)[0]![2]);
    const alone = answer(await twelve!);
    expect(alone).toHaveLength(12);
    expect(alone.every(([value, rows]) => value === 6 && rows === 12)).toBe(true);
  });

  it('answers 500 to every request of a batch whose run returns another number of rows, and logs the mismatch', async () => {
    const [short, other] = await behindBusyRun(server, 2, () => [score(server, [-3, 1], 'short'), score(server, [2], 'other')]);
    expect([short!.status, other!.status]).toEqual([500, 500]);
    expect(short!.json).toEqual({ message: 'An unexpected error occurred in scoring script. Check the logs for more info.' });
    const failures = server.logs().filter((line) => line.msg === 'run() failed' && ['short', 'other'].includes(line.requestId as string));
    expect(failures).toHaveLength(2);
    for (const line of failures) {
      expect((line.err as { message: string }).message).toMatch(
        /^Entry script .*batched-script\.ts: run returned 2 rows \(first dimension\) for a batch of 3 rows from 2 requests; a batched run must return one row per input row/,
      );
    }
  });

  it('drops a request whose client went away from its batch; the others are answered as if it never came', async () => {
    const { blocker, open } = await occupy(server);
    const controller = new AbortController();
    const gone = fetch(`${server.url}/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'gone' },
      body: JSON.stringify({ data: [[1], [2]] }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await queuedAre(server, 1);
    controller.abort();
    await until(() => server.logs().some((line) => line.requestId === 'gone'), "the departed request's log line");
    const stays = score(server, [5]);
    await queuedAre(server, 1);
    open();
    expect(((await gone) as Error).name).toBe('AbortError');
    expect(answer(await stays)).toEqual([[10, 1, expect.any(Number)]]);
    expect((await blocker).status).toBe(200);
    expect(server.logs().filter((line) => line.requestId === 'gone').map((line) => line.msg)).toContain('The client closed the connection before its batch ran');
  });

  it('drops an Open Inference Protocol request whose client went away from its batch, as /score does', async () => {
    const { blocker, open } = await occupy(server);
    const controller = new AbortController();
    const gone = fetch(`${server.url}/v2/models/batched-script/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'oip-gone' },
      body: JSON.stringify({ inputs: [{ name: 'data', shape: [2, 1], datatype: 'FP64', data: [1, 2] }] }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await queuedAre(server, 1);
    controller.abort();
    await until(() => server.logs().some((line) => line.requestId === 'oip-gone'), "the departed request's log line");
    const stays = postJson(`${server.url}/v2/models/batched-script/infer`, JSON.stringify({ inputs: [{ name: 'data', shape: [1, 1], datatype: 'FP64', data: [5] }] }));
    await queuedAre(server, 1);
    open();
    expect(((await gone) as Error).name).toBe('AbortError');
    // [2x, rows of the batch, call]: the batch held only the request that stayed.
    expect((await stays).json.outputs[0]).toMatchObject({ shape: [1, 3], data: [10, 1, expect.any(Number)] });
    expect((await blocker).status).toBe(200);
    const lines = server.logs().filter((line) => line.requestId === 'oip-gone');
    expect(lines.map((line) => line.msg)).toContain('The client closed the connection before its batch ran');
    expect(lines.find((line) => line.msg === 'The client closed the connection before its batch ran')).toMatchObject({ model: 'batched-script' });
    expect(lines.some((line) => line.msg === 'run() failed')).toBe(false);
  });

  it('counts the requests waiting for their batch in inferschema_batch_queued_requests: up as they queue, down as they leave or start', async () => {
    expect(await queued(server)).toBe(0);
    const { blocker, open } = await occupy(server);
    expect(await queued(server)).toBe(0); // the blocker runs: it does not wait
    const clients = [1, 2, 3, 4].map(() => new AbortController());
    const pending = clients.map((client, index) =>
      fetch(`${server.url}/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `queued-${index}` },
        body: JSON.stringify({ data: [[index]] }),
        signal: client.signal,
      }).then((response) => response.json() as Promise<Answer>, (error: Error) => error.name),
    );
    try {
      await queuedAre(server, 4);
      expect(await queued(server)).toBe(4);
      clients[2]!.abort();
      await queuedAre(server, 3);
      expect(await queued(server)).toBe(3);
    } finally {
      open();
    }
    const answers = await Promise.all(pending);
    expect((await blocker).status).toBe(200);
    expect(await queued(server)).toBe(0);
    // The three that stayed ran as one batch of 3 rows.
    expect(answers).toEqual([[[0, 3, expect.any(Number)]], [[2, 3, expect.any(Number)]], 'AbortError', [[6, 3, expect.any(Number)]]]);
    expect(server.logs().find((line) => line.requestId === 'queued-2')).toMatchObject({ msg: 'The client closed the connection before its batch ran' });
  });

  it('exports the batch sizes and queue times in /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^inferschema_batch_rows_bucket\{model="batched-script",le="8"\} [1-9]\d*$/m);
    expect(text).toMatch(/^inferschema_batch_requests_count\{model="batched-script"\} [1-9]\d*$/m);
    expect(text).toMatch(/^inferschema_batch_queue_seconds_count\{model="batched-script"\} [1-9]\d*$/m);
    expect(text).toMatch(/^# TYPE inferschema_batch_queued_requests gauge$/m);
    expect(text).toMatch(/^inferschema_batch_queued_requests\{model="batched-script"\} 0$/m);
  });
});

describe('adaptive batching of several models (serve a.ts b.ts)', () => {
  it('labels the batch metrics with the model: each model counts its own batches', async () => {
    const logStream = new PassThrough().resume();
    const script = fixture('batched-script.ts');
    const server = await createServer([{ script, name: 'left' }, { script, name: 'right' }], { modelDir: fixture('model'), port: 0, logStream });
    try {
      const url = await server.start();
      const infer = async (model: string, values: number[]) => {
        const body = { inputs: [{ name: 'data', shape: [values.length, 1], datatype: 'FP64', data: values }] };
        const response = await postJson(`${url}/v2/models/${model}/infer`, JSON.stringify(body));
        expect(response.status).toBe(200);
      };
      // One at a time: each request is a batch of its own.
      await infer('left', [1, 2, 3]);
      await infer('left', [4]);
      await infer('right', [5, 6]);
      const text = await (await fetch(`${url}/metrics`)).text();
      const value = (series: string) => seriesValue(text, series);
      expect(value('inferschema_batch_rows_count{model="left"}')).toBe(2);
      expect(value('inferschema_batch_rows_sum{model="left"}')).toBe(4);
      expect(value('inferschema_batch_rows_count{model="right"}')).toBe(1);
      expect(value('inferschema_batch_rows_sum{model="right"}')).toBe(2);
      expect(value('inferschema_batch_requests_count{model="right"}')).toBe(1);
      expect(value('inferschema_batch_queue_seconds_count{model="left"}')).toBe(2);
      expect(value('inferschema_batch_queue_seconds_count{model="right"}')).toBe(1);
      expect(value('inferschema_batch_queued_requests{model="left"}')).toBe(0);
      expect(value('inferschema_batch_queued_requests{model="right"}')).toBe(0);
      expect(text).not.toMatch(/^inferschema_batch_\w+ /m);
    } finally {
      await server.close();
    }
  });
});

describe('adaptive batching: waiting limits and the server override', () => {
  it('starts a batch once its first request has waited maxLatencyMs (as declared: 50), even while another batch runs', async () => {
    const server = await startTestServer('batched-script.ts');
    try {
      const { blocker, open } = await occupy(server);
      const started = performance.now();
      const response = await score(server, [1]);
      const waited = performance.now() - started;
      // Answered while the first run is still held at its gate: the timer started a second batch.
      expect(answer(response)).toEqual([[2, 1, expect.any(Number)]]);
      expect(waited).toBeGreaterThanOrEqual(45);
      open();
      expect((await blocker).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('batchMaxConcurrent 2 starts a second batch at once while the first runs, and queues a third', async () => {
    const server = await startTestServer('batched-script.ts', { batchMaxConcurrent: 2, batchMaxLatencyMs: 60_000 });
    try {
      expect(server.server.script.batching).toEqual({ maxBatchSize: 8, maxLatencyMs: 60_000, maxConcurrentBatches: 2 });
      const { blocker, open } = await occupy(server);
      // The second run starts without waiting its 60 s, and waits at the same gate.
      const { blocker: second, open: openSecond } = await occupy(server);
      const third = score(server, [5]);
      await queuedAre(server, 1);
      open();
      openSecond();
      const [first, secondResponse, thirdResponse] = await Promise.all([blocker, second, third]);
      expect([first.status, secondResponse.status, thirdResponse.status]).toEqual([200, 200, 200]);
      const [[, , firstCall]] = answer(first) as [[number, number, number]];
      const [[, , secondCall]] = answer(secondResponse) as [[number, number, number]];
      expect(answer(thirdResponse)).toEqual([[10, 1, Math.max(firstCall, secondCall) + 1]]);
    } finally {
      await server.close();
    }
  });

  it('runs a lone request at once, without waiting maxLatencyMs for company', async () => {
    const server = await startTestServer('batched-script.ts', { batchMaxLatencyMs: 60_000 });
    try {
      const response = await score(server, [1]);
      expect(answer(response)).toEqual([[2, 1, expect.any(Number)]]);
    } finally {
      await server.close();
    }
  });

  it('batchMaxSize 0 (--batch-max-size 0, INFERSCHEMA_BATCH_MAX_SIZE=0) runs every request on its own', async () => {
    const server = await startTestServer('batched-script.ts', { batchMaxSize: 0 });
    try {
      expect(server.server.script.batching).toBeUndefined();
      expect((await fetch(`${server.url}/metrics`).then((response) => response.text())).match(/^inferschema_batch_\w+\{.*$/gm)).toBeNull();
      const [a, b] = await Promise.all([score(server, [1]), score(server, [2, 3])]);
      expect(answer(a)[0]![1]).toBe(1);
      expect(answer(b)[0]![1]).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('batchMaxSize and batchMaxLatencyMs replace the declared values', async () => {
    const server = await startTestServer('batched-script.ts', { batchMaxSize: 2, batchMaxLatencyMs: 60_000 });
    try {
      expect(server.server.script.batching).toEqual({ maxBatchSize: 2, maxLatencyMs: 60_000, maxConcurrentBatches: 1 });
      // Two of the three fill a batch of 2 and run at once; the third waits.
      const responses = await behindBusyRun(server, 1, () => [score(server, [1]), score(server, [2]), score(server, [3])], 1);
      expect(responses.map((response) => answer(response)[0]![1]).sort()).toEqual([1, 2, 2]);
    } finally {
      await server.close();
    }
  });
});
