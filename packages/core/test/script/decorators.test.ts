// Decorators applied in this file run as TC39 standard decorators (the test tsconfig leaves
// experimentalDecorators off); test/legacy repeats the essentials under experimentalDecorators.
import { getInputSchema, getOutputSchema, getSupportedVersions, isSchemaDecorated } from '@inferschema/core/runtime';
import { inputSchema, modelInit, outputSchema, rawHttp, withSchemas } from '@inferschema/core';
import { JsonType } from '../fixtures/support/json-type.mjs';

const number = new JsonType<number>(1.5, { type: 'number' });
const text = new JsonType<string>('a', { type: 'string' });
const union = new JsonType<string | number>('a', { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } }); // 3.0, 3.1
const pair = new JsonType<[number, string]>([1, 'a'], { type: 'array', prefixItems: [{ type: 'number' }, { type: 'string' }], minItems: 2, maxItems: 2 }); // 3.1

class Model {
  @outputSchema(number)
  @inputSchema('b', text, { optional: true })
  @inputSchema('a', number)
  @inputSchema('c', number)
  run(a: number, b?: string, c = 1, d = 'plain') {
    return a + (b?.length ?? 0) + c + d.length;
  }

  @inputSchema('x', union)
  @inputSchema('y', pair)
  twoVersions(x: unknown, y: unknown) {
    return [x, y];
  }

  plain(body: string) {
    return body;
  }
}

describe('getInputSchema', () => {
  it('lists the declared parameters in parameter order, whatever the decorator order', () => {
    expect(getInputSchema(Model.prototype.run)).toEqual({
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'string' }, c: { type: 'number' } },
      required: ['a'],
      example: { a: 1.5, b: 'a', c: 1.5 },
    });
  });

  it('is { type: "object" } for an undecorated function', () => {
    expect(getInputSchema(Model.prototype.plain)).toEqual({ type: 'object' });
  });

  it('returns a fresh copy each time', () => {
    const schema = getInputSchema(Model.prototype.run);
    schema.properties!.a!.type = 'string';
    (schema.example as Record<string, unknown>).a = 'changed';
    expect(getInputSchema(Model.prototype.run).properties!.a).toEqual({ type: 'number' });
    expect(getInputSchema(Model.prototype.run).example).toEqual({ a: 1.5, b: 'a', c: 1.5 });
  });
});

describe('getOutputSchema', () => {
  it('is the output type’s schema with its example', () => {
    expect(getOutputSchema(Model.prototype.run)).toEqual({ type: 'number', example: 1.5 });
    expect(getOutputSchema(Model.prototype.plain)).toEqual({ type: 'object' });
  });

  it('returns a fresh copy each time', () => {
    getOutputSchema(Model.prototype.run).type = 'string';
    expect(getOutputSchema(Model.prototype.run).type).toBe('number');
  });
});

describe('getSupportedVersions', () => {
  it('intersects the versions of every declared type', () => {
    expect(getSupportedVersions(Model.prototype.run)).toEqual(['2.0', '3.0', '3.1']);
    expect(getSupportedVersions(Model.prototype.twoVersions)).toEqual(['3.1']);
    expect(getSupportedVersions(withSchemas({ inputs: [['x', union]] }, (x) => x))).toEqual(['3.0', '3.1']);
    expect(getSupportedVersions(withSchemas({ output: pair }, (x: unknown) => [1, String(x)] as [number, string]))).toEqual(['3.1']);
  });

  it('is every version for an undecorated function', () => {
    expect(getSupportedVersions(Model.prototype.plain)).toEqual(['2.0', '3.0', '3.1']);
  });
});

describe('isSchemaDecorated', () => {
  it('is true with an input or an output schema', () => {
    expect(isSchemaDecorated(Model.prototype.run)).toBe(true);
    expect(isSchemaDecorated(withSchemas({ output: number }, () => 1))).toBe(true);
    expect(isSchemaDecorated(withSchemas({ inputs: [['a', number]] }, (a) => a))).toBe(true);
    expect(isSchemaDecorated(Model.prototype.plain)).toBe(false);
    expect(isSchemaDecorated(rawHttp(() => 1))).toBe(false);
  });
});

describe('the function forms', () => {
  it('return the function itself, marked', () => {
    const run = (data: unknown) => data;
    expect(withSchemas({ inputs: [['data', number]] }, run)).toBe(run);
    const init = (modelDir: string) => modelDir;
    expect(modelInit(init)).toBe(init);
    expect(rawHttp(run)).toBe(run);
  });

  it('check their arguments', () => {
    expect(() => withSchemas({ inputs: [['data', { sample: 1 } as never]] }, (data) => data)).toThrow(
      "withSchemas input 'data': the type must be a ParameterType, e.g. new NdArrayParameterType(sample)",
    );
    expect(() => withSchemas({ output: 1 as unknown as undefined }, () => 1)).toThrow('withSchemas output: the type must be a ParameterType');
    expect(() => withSchemas({}, 1 as unknown as () => void)).toThrow('withSchemas(schemas, run): run must be a function');
    expect(() => modelInit(1 as never)).toThrow('modelInit(fn): fn must be a function');
    expect(() => inputSchema('', number)).toThrow('@inputSchema: the parameter name must be a non-empty string');
    expect(() => inputSchema('a', number, { position: -1 })).toThrow("@inputSchema('a', …): position must be a parameter index (an integer from 0)");
  });
});

describe('the decorators', () => {
  it('refuse what is not a method', () => {
    expect(() => {
      class Fielded {
        // @ts-expect-error -- a field is not a method
        @modelInit init = () => undefined;
      }
      return Fielded;
    }).toThrow("@modelInit decorates methods, but 'init' is a field");
    expect(() => {
      class Getter {
        @rawHttp get run() {
          return () => undefined;
        }
      }
      return Getter;
    }).toThrow("@rawHttp decorates methods, but 'run' is a getter");
  });

  it('keep the method as it is: calling it directly passes values through', () => {
    expect(new Model().run(1, 'x')).toBe(8);
  });
});
