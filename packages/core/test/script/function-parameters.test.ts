// The parser is internal; it is reached through getInputSchema and the loader, so these tests go through a
// schema-free probe: a run whose parameter names come back as the script's `parameters`.
import { getInputSchema } from '@inferschema/core/runtime';
import { withSchemas } from '@inferschema/core';
import { JsonType } from '../fixtures/support/json-type.mjs';

const any = new JsonType<number>(1, { type: 'number' });

/** The names and required-ness getInputSchema reads from `fn`, declaring every name in `names`. */
function read(fn: Function, names: string[]): { properties: string[]; required: string[] } {
  for (const name of names) withSchemas({ inputs: [[name, any, { optional: false }]] }, fn as () => void);
  const schema = getInputSchema(fn);
  return { properties: Object.keys(schema.properties ?? {}), required: schema.required ?? [] };
}

describe('reading run’s parameter list from its source', () => {
  it.each([
    ['a function', function run(a: number, b = 2, c?: number) { return [a, b, c]; }],
    ['an async function', async function run(a: number, b = 2, c?: number) { return [a, b, c]; }],
    ['an arrow', (a: number, b = 2, c?: number) => [a, b, c]],
    ['an async arrow', async (a: number, b = 2, c?: number) => [a, b, c]],
    ['a method', { run(a: number, b = 2, c?: number) { return [a, b, c]; } }.run],
    ['an async method', { async run(a: number, b = 2, c?: number) { return [a, b, c]; } }.run],
    ['a computed method name', { ['r' + 'un'](a: number, b = 2, c?: number) { return [a, b, c]; } }.run!],
  ])('in %s', (_, fn) => {
    // Names are declared in reverse: the schema still follows the parameter order.
    expect(read(fn, ['c', 'b', 'a'])).toEqual({ properties: ['a', 'b', 'c'], required: ['a', 'c'] });
  });

  it('in a single-parameter arrow without parentheses, async or not', () => {
    expect(read((data: unknown) => data, ['data']).properties).toEqual(['data']);
    expect(read(new Function('return async data => data')(), ['data']).properties).toEqual(['data']);
    expect(read(new Function('return async => async')(), ['async']).properties).toEqual(['async']);
  });

  it('past comments, strings, templates, regular expressions and nested brackets in defaults', () => {
    const fn = new Function(`return function run(
      /* a, comment */ first, // another, comment
      second = "a, b) c",
      third = \`x \${[1, 2].join(',')} ) y\`,
      fourth = /[,)]/g,
      fifth = { a: [1, (2, 3)], b: (x) => x },
      sixth = 1 / 2,
    ) {}`)();
    expect(read(fn, ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'])).toEqual({
      properties: ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'],
      required: ['first'],
    });
  });

  it('with destructuring patterns, which have no name but may have a default', () => {
    const fn = new Function('return function run({ a, b } = {}, [c, d], data, ...rest) {}')();
    expect(read(fn, ['data']).properties).toEqual(['data']);
  });

  it('with names beyond ASCII', () => {
    const fn = new Function('return function run(données, $x, _y) {}')();
    expect(read(fn, ['données', '$x', '_y']).properties).toEqual(['données', '$x', '_y']);
  });
});
