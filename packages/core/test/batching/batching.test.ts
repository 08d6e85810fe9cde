import { batch, NdArrayParameterType, withSchemas } from '@inferschema/core';
import { loadScoringScript, ScriptLoadError, type BatchReport } from '@inferschema/core/runtime';
import ndarray from 'ndarray';
import { fixture } from '../script/fixture-paths.js';

async function loadError(path: string): Promise<ScriptLoadError> {
  const error = await loadScoringScript(fixture(path)).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ScriptLoadError);
  return error as ScriptLoadError;
}

describe('batching in the script layer (what /score, OIP and the CLI share)', () => {
  it('stacks concurrent Arrow tables into one run (a class with TC39 @batch) and gives each caller its rows', async () => {
    const script = await loadScoringScript(fixture('batch/arrow-class.ts'));
    expect(script.batching).toEqual({ maxBatchSize: 16, maxLatencyMs: 1_000, maxConcurrentBatches: 1 });
    const [one, three] = await Promise.all([
      script.invoke({ rows: [{ x: 1 }] }),
      script.invoke({ rows: [{ x: 2 }, { x: 3 }, { x: 4 }] }),
    ]);
    expect(one).toEqual([{ doubled: 2, batch: 4 }]);
    expect(three).toEqual([{ doubled: 4, batch: 4 }, { doubled: 6, batch: 4 }, { doubled: 8, batch: 4 }]);
  });

  it('stacks plain-column frames and ndarrays parameter by parameter, and splits a flat typed array result', async () => {
    const script = await loadScoringScript(fixture('batch/columns-functions.ts'));
    const module = { calls: ((globalThis as { columnsCalls?: number[] }).columnsCalls ??= []) };
    const before = module.calls.length;
    const results = await Promise.all([
      script.invoke({ frame: [{ a: 1, b: 10 }], weights: [[1, 1]] }),
      script.invoke({ frame: [{ a: 2, b: 20 }, { a: 3, b: 30 }], weights: [[10, 0], [0, 10]] }),
    ]);
    expect(results).toEqual([[11], [20, 300]]);
    expect(module.calls.slice(before)).toEqual([3]);
  });

  it('batches invokeDecoded (the OIP path) the same way: each caller gets its rows of run\'s own result', async () => {
    const script = await loadScoringScript(fixture('batch/columns-functions.ts'));
    const calls = ((globalThis as { columnsCalls?: number[] }).columnsCalls ??= []);
    const before = calls.length;
    const [first, second] = await Promise.all([
      script.invokeDecoded({ frame: { a: Float64Array.of(1), b: Float64Array.of(2) }, weights: ndarray(Float64Array.of(1, 1), [1, 2]) }),
      script.invokeDecoded({ frame: { a: Float64Array.of(3, 4), b: Float64Array.of(0, 0) }, weights: ndarray(Float64Array.of(2, 0, 3, 0), [2, 2]) }),
    ]);
    expect(first).toEqual(Float64Array.of(3));
    expect(second).toEqual(Float64Array.of(6, 12));
    expect(calls.slice(before)).toEqual([3]);
  });

  it('runs a request whose inputs disagree on their rows alone, as written', async () => {
    const script = await loadScoringScript(fixture('batch/columns-functions.ts'));
    const module = { calls: ((globalThis as { columnsCalls?: number[] }).columnsCalls ??= []) };
    const before = module.calls.length;
    const [alone, other] = await Promise.all([
      script.invoke({ frame: [{ a: 1, b: 1 }], weights: [[1, 1], [1, 1]] }),
      script.invoke({ frame: [{ a: 5, b: 5 }], weights: [[1, 1]] }),
    ]);
    expect(alone).toEqual([2]);
    expect(other).toEqual([10]);
    expect(module.calls.slice(before).sort()).toEqual([1, 1]);
  });

  it('works as a legacy decorator (experimentalDecorators) too', async () => {
    const script = await loadScoringScript(fixture('legacy/batched.ts'));
    expect(script.batching).toEqual({ maxBatchSize: 8, maxLatencyMs: 1_000, maxConcurrentBatches: 1 });
    // Each answer is 20x + the rows of the batch: both requests went into one batch of 3 rows.
    expect(await Promise.all([script.invoke({ data: [[1]] }), script.invoke({ data: [[2], [3]] })])).toEqual([[23], [43, 63]]);
  });

  it('refuses @batch on a run with an input that has no rows to stack', async () => {
    const error = await loadError('batch/standard-input.ts');
    expect(error.code).toBe('CONTRACT');
    expect(error.parameter).toBe('text');
    expect(error.message).toBe(
      `Entry script ${fixture('batch/standard-input.ts')}: @batch: parameter 'text' must be an ndarray or DataFrame input (NdArrayParameterType, or DataFrameParameterType over an Arrow Table or plain columns), converted: a batch stacks the rows of every input`,
    );
  });

  it('refuses @batch on a run that takes the request headers', async () => {
    const error = await loadError('batch/headers.ts');
    expect(error.message).toBe(`Entry script ${fixture('batch/headers.ts')}: @batch: run cannot take 'requestHeaders': the requests of a batch have different headers`);
  });

  it('refuses @batch on a @rawHttp run, and two @batch declarations', async () => {
    expect((await loadError('batch/raw.ts')).message).toBe(
      `Entry script ${fixture('batch/raw.ts')}: @batch cannot batch a @rawHttp run: a batch stacks the rows of ndarray and DataFrame inputs`,
    );
    expect((await loadError('batch/twice.ts')).message).toBe(`Entry script ${fixture('batch/twice.ts')}: run has 2 @batch declarations; it may have one`);
  });

  it('checks the options where they are declared', () => {
    const data = new NdArrayParameterType(new Float64Array([1]));
    expect(() => batch({ maxBatchSize: 0, maxLatencyMs: 5 })).toThrow(new TypeError('@batch: maxBatchSize must be an integer from 1, got 0'));
    expect(() => batch({ maxBatchSize: 8, maxLatencyMs: -1 })).toThrow(new TypeError('@batch: maxLatencyMs must be a number of milliseconds from 0, got -1'));
    expect(() => withSchemas({ inputs: [['data', data]], batch: { maxBatchSize: 2.5, maxLatencyMs: 5 } }, (values) => values)).toThrow(
      new TypeError('withSchemas batch: maxBatchSize must be an integer from 1, got 2.5'),
    );
    expect(() => batch({ maxBatchSize: 8, maxLatencyMs: 5, maxConcurrentBatches: 0 })).toThrow(new TypeError('@batch: maxConcurrentBatches must be an integer from 1, got 0'));
    expect(() => withSchemas({ inputs: [['data', data]], batch: { maxBatchSize: 8, maxLatencyMs: 5, maxConcurrentBatches: 1.5 } }, (values) => values)).toThrow(
      new TypeError('withSchemas batch: maxConcurrentBatches must be an integer from 1, got 1.5'),
    );
  });

  it("tells its observer each batch as it starts and each change of the queue's length (joined, cancelled, started)", async () => {
    const script = await loadScoringScript(fixture('legacy/batched.ts'));
    const lengths: number[] = [];
    const reports: BatchReport[] = [];
    const leaving = new AbortController();
    script.configureBatching({
      observe: {
        batchStarted: (report) => reports.push(report),
        queueChanged: (waiting) => {
          lengths.push(waiting);
          if (waiting === 3) leaving.abort(); // the second request leaves while all three wait
        },
      },
    });
    const answers = await Promise.all([
      script.invoke({ data: [[1]] }),
      script.invoke({ data: [[2]] }, { signal: leaving.signal }).catch((error: unknown) => (error as Error).name),
      script.invoke({ data: [[3], [4]] }),
    ]);
    // Each row 20x + the rows of the batch: the first and third requests ran together, 3 rows.
    expect(answers).toEqual([[23], 'AbortError', [63, 83]]);
    expect(lengths).toEqual([1, 2, 3, 2, 0]);
    expect(reports).toEqual([{ rows: 3, requests: 2, queuedMs: [expect.any(Number), expect.any(Number)] }]);

    // More rows than maxBatchSize (8): run alone at once, never queued.
    expect(await script.invoke({ data: Array.from({ length: 9 }, () => [1]) })).toHaveLength(9);
    expect(lengths).toEqual([1, 2, 3, 2, 0]);
    expect(reports.at(-1)).toEqual({ rows: 9, requests: 1, queuedMs: [expect.any(Number)] });
  });

  it.each([
    [1, [4]],
    [2, [4, 1]],
  ])(
    'maxConcurrentBatches %i: a batch that is not full starts only while fewer calls are under way, even when a full one took the call in the same turn',
    async (maxConcurrentBatches, startedWhileHeld) => {
      const script = await loadScoringScript(fixture('batch/gated.ts'));
      let open!: () => void;
      (globalThis as { gatedBatchGate?: Promise<void> }).gatedBatchGate = new Promise<void>((resolve) => (open = resolve));
      const rows: number[] = [];
      script.configureBatching({ maxConcurrentBatches, observe: { batchStarted: (report) => rows.push(report.rows), queueChanged: () => {} } });
      // Five one-row requests in one turn: the first four fill a batch (maxBatchSize 4), which starts at once.
      const answers = Promise.all([1, 2, 3, 4, 5].map((value) => script.invoke({ x: [[value]] })));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(rows).toEqual(startedWhileHeld);
      open();
      expect(await answers).toEqual([[2], [4], [6], [8], [10]]);
      expect(rows).toEqual([4, 1]);
    },
  );

  it('configureBatching: replaces the declared values, turns batching off, and leaves an undeclared script alone', async () => {
    const script = await loadScoringScript(fixture('batch/arrow-class.ts'));
    expect(script.configureBatching({ maxLatencyMs: 3 })).toEqual({ maxBatchSize: 16, maxLatencyMs: 3, maxConcurrentBatches: 1 });
    expect(script.configureBatching({ maxConcurrentBatches: 2 })).toEqual({ maxBatchSize: 16, maxLatencyMs: 1_000, maxConcurrentBatches: 2 });
    expect(() => script.configureBatching({ maxBatchSize: 0 })).toThrow(new TypeError('batching override: maxBatchSize must be an integer from 1, got 0'));
    expect(() => script.configureBatching({ maxConcurrentBatches: 0 })).toThrow(new TypeError('batching override: maxConcurrentBatches must be an integer from 1, got 0'));
    expect(script.configureBatching({ enabled: false })).toBeUndefined();
    expect(script.batching).toBeUndefined();
    expect(await script.invoke({ rows: [{ x: 5 }] })).toEqual([{ doubled: 10, batch: 1 }]);
    const plain = await loadScoringScript(fixture('invoke/schema.ts'));
    expect(plain.configureBatching({ maxBatchSize: 8 })).toBeUndefined();
    expect(plain.batching).toBeUndefined();
  });
});
