// Type-level tests of the decorators under experimentalDecorators (this folder's tsconfig): `tsc -b` fails when
// a line marked @ts-expect-error compiles. test/script/types.test.ts has the same cases for TC39 decorators.
import { inputSchema, modelInit, NdArrayParameterType, outputSchema, rawHttp, ScoringResponse, type NdArray, type ScoringRequest } from '@inferschema/core';
import { Float64ListType } from '../fixtures/support/float64-list-type.mjs';
import { JsonType } from '../fixtures/support/json-type.mjs';

const list = new Float64ListType([1, 2]);
const count = new JsonType<number>(1, { type: 'integer' });

it('rejects a parameter that cannot receive what @inputSchema declares', () => {
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
    @inputSchema('raw', count, { convert: false })
    run(data: Float64Array, count: number | undefined, raw: number[]) {
      return [data, count, raw];
    }
  }
  expect([Mismatched, WrongPosition, NotOptional, Accepted]).toHaveLength(4);
});

it('rejects a method whose result the @outputSchema type cannot encode', () => {
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

it('rejects an init that does not take the model directory, and a raw run that does not take a ScoringRequest', () => {
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
  class Accepted {
    @modelInit init(modelDir: string) {
      return modelDir;
    }

    @rawHttp run(request: ScoringRequest) {
      return request.url;
    }
  }
  expect([WrongInit, WrongRaw, Accepted]).toHaveLength(3);
});

it('types NdArrayParameterType inputs and outputs from the sample', () => {
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
