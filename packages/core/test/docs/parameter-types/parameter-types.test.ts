// The examples of docs/parameter-types.md: the doc's code blocks are these files (scripts/doc-snippets.mjs),
// and this test checks that each sample gives the schema shown and rejects the request shown with the errors shown.
import { readFileSync } from 'node:fs';
import { DataType, type Table } from 'apache-arrow';
import { decodeFrozen, expectRejected } from '../../standard/helpers.js';
import { people } from './dataframe-example.js';
import { features } from './ndarray-example.js';
import { request } from './standard-example.js';

/** A JSON file next to this test, as the doc shows it. */
function documented(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
}

describe('StandardParameterType in docs/parameter-types.md', () => {
  it('has the schema shown, in every version', () => {
    expect(request.toJsonSchema()).toStrictEqual(documented('standard-schema.json'));
    expect(request.supportedVersions()).toEqual(['2.0', '3.0', '3.1']);
  });

  it('decodes the accepted request as shown', () => {
    const body = {
      text: 'hello', topK: 3, temperature: 1, seed: '9223372036854775807', since: '2024-02-01T08:30:00+01:00', tags: [],
      filters: [{ field: 'year', value: '2024' }],
    };
    expect(decodeFrozen(request, body)).toStrictEqual({
      text: 'hello', topK: 3, temperature: 1, seed: 9223372036854775807n, since: new Date('2024-02-01T07:30:00.000Z'), tags: [],
      filters: [{ field: 'year', value: '2024' }],
    });
  });

  it('rejects the rejected request with the errors shown', () => {
    const body = {
      text: 'hello', topK: 2.5, temperature: '0.7', seed: 1, since: '2024-02-01', tags: ['a', 3], filters: [{ field: 'lang' }], extra: true,
    };
    expectRejected(request, body, documented('standard-errors.json') as never);
  });
});

describe('NdArrayParameterType in docs/parameter-types.md', () => {
  it('has the schema shown, in every version', () => {
    expect(features.toJsonSchema()).toStrictEqual(documented('ndarray-schema.json'));
    expect(features.supportedVersions()).toEqual(['2.0', '3.0', '3.1']);
  });

  it('decodes any number of rows into a float32 ndarray', () => {
    const decoded = decodeFrozen(features, [[5.9, 3, 5.1, 1.8]]);
    expect(decoded.shape).toEqual([1, 4]);
    expect(decoded.data).toBeInstanceOf(Float32Array);
    expect(Array.from(decoded.data)).toEqual(Array.from(Float32Array.of(5.9, 3, 5.1, 1.8)));
  });

  it('rejects the rejected request with the errors shown', () => {
    expectRejected(features, [[5.9, 3, '5.1', 1.8], [6.3, 2.5, 5], [6, 7, 8, 1e39], [[1], 2, 3, 4]], documented('ndarray-errors.json') as never);
  });
});

describe('DataFrameParameterType in docs/parameter-types.md', () => {
  it('has the schema shown, in every version', () => {
    expect(people.toJsonSchema()).toStrictEqual(documented('dataframe-schema.json'));
  });

  it('decodes the accepted request into a Table with the sample\'s columns', () => {
    const table = decodeFrozen(people, [{ age: 30, name: 'Ann' }, { name: null, age: 31 }]) as Table;
    expect(table.numRows).toBe(2);
    expect(table.schema.fields.map((field) => field.name)).toEqual(['name', 'age']);
    expect(DataType.isInt(table.schema.fields[1]!.type) && table.schema.fields[1]!.type.bitWidth).toBe(32);
    expect(table.toArray().map((row) => row.toJSON())).toEqual([{ name: 'Ann', age: 30 }, { name: null, age: 31 }]);
  });

  it('rejects the rejected request with the errors shown', () => {
    expectRejected(people, [{ name: 'Ann', agee: 30 }, { name: 'Bo', age: '31' }], documented('dataframe-errors.json') as never);
  });
});
