// Compiled by vitest (esbuild) with this folder's tsconfig, which sets experimentalDecorators: the same
// decorators run here as legacy decorators.
import { getInputSchema, getOutputSchema, isSchemaDecorated } from '@inferschema/core/runtime';
import { inputSchema, modelInit, outputSchema, rawHttp } from '@inferschema/core';
import { decoratorModes, recordMode } from '../fixtures/support/decorator-mode.mjs';
import { JsonType } from '../fixtures/support/json-type.mjs';

const number = new JsonType<number>(1.5, { type: 'number' });

class Model {
  @modelInit
  init(modelDir: string) {
    return modelDir;
  }

  @recordMode('test/legacy')
  @outputSchema(number)
  @inputSchema('b', number, { optional: true })
  @inputSchema('a', number)
  run(a: number, b?: number) {
    return a + (b ?? 0);
  }

  @rawHttp
  raw(request: unknown) {
    return request;
  }
}

it('runs as legacy decorators', () => {
  expect(decoratorModes()['test/legacy']).toBe('legacy');
});

it('records the same schemas as TC39 decorators', () => {
  expect(getInputSchema(Model.prototype.run)).toEqual({
    type: 'object',
    properties: { a: { type: 'number' }, b: { type: 'number' } },
    required: ['a'],
    example: { a: 1.5, b: 1.5 },
  });
  expect(getOutputSchema(Model.prototype.run)).toEqual({ type: 'number', example: 1.5 });
  expect(isSchemaDecorated(Model.prototype.run)).toBe(true);
  expect(isSchemaDecorated(Model.prototype.raw)).toBe(false);
  expect(Object.hasOwn(Model.prototype.init, Symbol.for('inferschema.modelInit'))).toBe(true);
  expect(Object.hasOwn(Model.prototype.raw, Symbol.for('inferschema.rawHttp'))).toBe(true);
});

it('keeps the method as it is', () => {
  expect(new Model().run(1, 2)).toBe(3);
});
