// Type-level tests: `tsc -b` checks this file, and fails when a type is wrong (expectTypeOf) or when a line
// marked @ts-expect-error compiles. The run-time assertions only keep vitest from reporting an empty suite.
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import {
  inputSchema,
  NdArrayParameterType,
  StandardParameterType,
  modelInit,
  outputSchema,
  rawHttp,
  ScoringResponse,
  withSchemas,
  type DecodedValue,
  type NdArray,
  type ScoringRequest,
} from '@inferschema/core';
import { Float64ListType } from '../fixtures/support/float64-list-type.mjs';
import { JsonType } from '../fixtures/support/json-type.mjs';

const list = new Float64ListType([1, 2]);
const options = new JsonType<{ round: boolean }>({ round: true }, { type: 'object' });
const count = new JsonType<number>(1, { type: 'integer' });

describe('withSchemas', () => {
  it('types run’s arguments from the inputs, in order', () => {
    const run = withSchemas({ inputs: [['data', list], ['options', options]] }, (data, opts) => {
      expectTypeOf(data).toEqualTypeOf<Float64Array>();
      expectTypeOf(opts).toEqualTypeOf<{ round: boolean }>();
      return data.length;
    });
    expectTypeOf(run).parameters.toMatchTypeOf<[Float64Array, { round: boolean }, ...unknown[]]>();
    expect(run(new Float64Array(2), { round: true })).toBe(2);
  });

  it('adds undefined to an optional input', () => {
    withSchemas({ inputs: [['data', list], ['options', options, { optional: true }]] }, (data, opts) => {
      expectTypeOf(data).toEqualTypeOf<Float64Array>();
      expectTypeOf(opts).toEqualTypeOf<{ round: boolean } | undefined>();
      return null;
    });
    expect(true).toBe(true);
  });

  it('leaves parameters after the inputs free: annotate them (requestHeaders, defaults)', () => {
    withSchemas({ inputs: [['data', list]] }, (data, scale: number = 2, requestHeaders: Record<string, string> = {}) => {
      expectTypeOf(data).toEqualTypeOf<Float64Array>();
      expectTypeOf(scale).toEqualTypeOf<number>();
      expectTypeOf(requestHeaders).toEqualTypeOf<Record<string, string>>();
      return [data, scale, requestHeaders];
    });
    expect(true).toBe(true);
  });

  it('rejects a parameter typed differently from its input', () => {
    // @ts-expect-error -- data decodes to a Float64Array, not a string
    withSchemas({ inputs: [['data', list]] }, (data: string) => data);
    // @ts-expect-error -- the inputs are listed in the wrong order for these annotations
    withSchemas({ inputs: [['data', list], ['options', options]] }, (opts: { round: boolean }, data: Float64Array) => [opts, data]);
    expect(true).toBe(true);
  });

  it('checks the result against the output type, allowing a ScoringResponse and a Promise', () => {
    withSchemas({ inputs: [['n', count]], output: list }, (n) => new Float64Array(n));
    withSchemas({ inputs: [['n', count]], output: list }, async (n) => new Float64Array(n));
    withSchemas({ inputs: [['n', count]], output: list }, (n) => (n > 0 ? new Float64Array(n) : new ScoringResponse('none', { status: 404 })));
    // @ts-expect-error -- the output type encodes a Float64Array, not a string
    withSchemas({ inputs: [['n', count]], output: list }, (n) => String(n));
    // Without an output type anything goes.
    withSchemas({ inputs: [['n', count]] }, (n) => String(n));
    expect(true).toBe(true);
  });

  it('returns run with its own type', () => {
    const run = withSchemas({ inputs: [['n', count]] }, (n: number, label: string = 'x') => `${label}${n}`);
    expectTypeOf(run).toEqualTypeOf<(n: number, label?: string) => string>();
    expect(run(1)).toBe('x1');
  });
});

describe('DecodedValue', () => {
  it('reads the native value of a parameter type', () => {
    expectTypeOf<DecodedValue<typeof list>>().toEqualTypeOf<Float64Array>();
    expectTypeOf<DecodedValue<typeof options>>().toEqualTypeOf<{ round: boolean }>();
    expect(true).toBe(true);
  });

  it('types the Power BI shape: nested ndarray, frame and value, GlobalParameters, Results', () => {
    const frame = new DataFrameParameterType({ name: ['Sarah'], age: BigInt64Array.of(25n) });
    const inputs = new StandardParameterType({
      input1: new NdArrayParameterType(new Float64Array([1, 2]), { shape: [1, 2] }),
      input2: frame,
      input3: new StandardParameterType(0.0),
    });
    const results = new StandardParameterType({ Results: [1.0] });
    const run = withSchemas(
      { inputs: [['Inputs', inputs], ['GlobalParameters', new StandardParameterType(1.0)]], output: results },
      (Inputs, GlobalParameters = 1) => {
        expectTypeOf(Inputs.input1).toMatchTypeOf<NdArray<Float64Array>>();
        expectTypeOf(Inputs.input1.data).toMatchTypeOf<Float64Array>();
        expectTypeOf(Inputs.input2.name).toEqualTypeOf<string[]>();
        expectTypeOf(Inputs.input2.age).toMatchTypeOf<BigInt64Array>();
        expectTypeOf(Inputs.input3).toEqualTypeOf<number>();
        expectTypeOf(GlobalParameters).toEqualTypeOf<number>();
        return { Results: [Inputs.input3 * GlobalParameters] };
      },
    );
    // @ts-expect-error -- Results must be numbers
    withSchemas({ inputs: [['Inputs', inputs]], output: results }, () => ({ Results: ['x'] }));
    expect(typeof run).toBe('function');
  });
});

describe('modelInit and rawHttp as functions', () => {
  it('keep the function’s type and check its parameters', () => {
    const init = modelInit(async (modelDir: string) => modelDir.length);
    expectTypeOf(init).toEqualTypeOf<(modelDir: string) => Promise<number>>();
    // @ts-expect-error -- init receives the model directory, a string
    modelInit((modelDir: number) => modelDir);

    const run = rawHttp((request: ScoringRequest) => request.body.length);
    expectTypeOf(run).toEqualTypeOf<(request: ScoringRequest) => number>();
    rawHttp((request) => expectTypeOf(request).toEqualTypeOf<ScoringRequest>());
    // @ts-expect-error -- a raw run receives a ScoringRequest
    rawHttp((request: string) => request);
    expect(true).toBe(true);
  });
});

describe('the decorators', () => {
  it('type-check on methods in TC39 mode', () => {
    class Model {
      @modelInit init(modelDir: string) {
        return modelDir;
      }

      @inputSchema('data', list)
      @outputSchema(list)
      run(data: Float64Array) {
        return data;
      }

      @rawHttp raw(request: ScoringRequest) {
        return request.url;
      }
    }
    expect(new Model().run(new Float64Array(1))).toHaveLength(1);
  });

  it('reject a parameter that cannot receive what @inputSchema declares', () => {
    class Mismatched {
      // @ts-expect-error -- no parameter accepts the Float64Array the type decodes to
      @inputSchema('data', list)
      run(data: string) {
        return data;
      }
    }
    class WrongPosition {
      // @ts-expect-error -- parameter 1 is a string, the type decodes to a Float64Array
      @inputSchema('data', list, { position: 1 })
      run(data: Float64Array, label: string) {
        return [data, label];
      }
    }
    class NotOptional {
      // @ts-expect-error -- an optional input may be undefined, which no parameter accepts
      @inputSchema('count', count, { optional: true })
      run(count: number) {
        return count;
      }
    }
    class Accepted {
      @inputSchema('data', list, { position: 0 })
      @inputSchema('count', count, { optional: true })
      @inputSchema('raw', count, { convert: false }) // the JSON value: not checked
      run(data: Float64Array, count: number | undefined, raw: number[], requestHeaders?: Record<string, string>) {
        return [data, count, raw, requestHeaders];
      }

      @inputSchema('anything', list)
      wide(anything: unknown) {
        return anything;
      }
    }
    expect([Mismatched, WrongPosition, NotOptional, Accepted]).toHaveLength(4);
  });

  it('reject a method whose result the @outputSchema type cannot encode', () => {
    class WrongResult {
      // @ts-expect-error -- the output type encodes a Float64Array, not a string
      @outputSchema(list)
      run(data: Float64Array) {
        return String(data);
      }
    }
    class WrongAsyncResult {
      // @ts-expect-error -- the promise resolves to a number, not a Float64Array
      @outputSchema(list)
      async run(data: Float64Array) {
        return data.length;
      }
    }
    class Accepted {
      @outputSchema(list)
      async run(data: Float64Array) {
        return data.length > 0 ? data : new ScoringResponse('empty', { status: 400 });
      }
    }
    expect([WrongResult, WrongAsyncResult, Accepted]).toHaveLength(3);
  });

  it('reject an init whose parameter is not the model directory, and a raw run that does not take a ScoringRequest', () => {
    class WrongInit {
      // @ts-expect-error -- @modelInit passes the model directory, a string
      @modelInit init(modelDir: number) {
        return modelDir;
      }
    }
    class WrongRaw {
      // @ts-expect-error -- a @rawHttp run receives a ScoringRequest
      @rawHttp run(request: string) {
        return request;
      }
    }
    expect([WrongInit, WrongRaw]).toHaveLength(2);
  });

  it('type NdArrayParameterType inputs and outputs from the sample', () => {
    const features = new NdArrayParameterType(new Float64Array([1, 2, 3]), { shape: [1, 3] });
    class Model {
      @inputSchema('data', features)
      @outputSchema(new NdArrayParameterType(new Float64Array([0.5])))
      run(data: NdArray<Float64Array>) {
        return data.data;
      }
    }
    class Mismatched {
      // @ts-expect-error -- the type decodes to NdArray<Float64Array>, not a string
      @inputSchema('data', features)
      run(data: string) {
        return data;
      }
    }
    expect([Model, Mismatched]).toHaveLength(2);
  });

  it('reject what is not a parameter type', () => {
    // @ts-expect-error -- a sample is not a parameter type
    expect(() => inputSchema('data', [1, 2])).toThrow(TypeError);
    // @ts-expect-error -- a sample is not a parameter type
    expect(() => outputSchema({ Results: [1] })).toThrow(TypeError);
  });
});
