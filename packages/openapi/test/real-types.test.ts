import { fileURLToPath } from 'node:url';
import { DataFrameParameterType, DATAFRAME_ORIENTS } from '@inferschema/core/dataframe';
import {
  integer,
  NdArrayParameterType,
  StandardParameterType,
  type OpenApiVersion,
  type ParameterType,
} from '@inferschema/core';
import { loadScoringScript } from '@inferschema/core/runtime';
import { buildServiceDocument, UnsupportedVersionError } from '@inferschema/openapi';
import { powerBiShapeProblems } from './support/power-bi.js';
import { componentSchemas, expectValidDocument } from './support/validate-document.js';

const TYPES: Record<string, () => ParameterType> = {
  'standard scalars and a date': () =>
    new StandardParameterType({ text: 'hello', topK: integer(5), score: 0.5, ok: true, when: new Date('2024-01-31T12:00:00Z') }),
  'standard nested lists': () => new StandardParameterType({ rows: [[1.5, 2.5], [3.5, 4.5]], tags: ['a', 'b'] }),
  'standard null and an empty list': () => new StandardParameterType({ nothing: null, empty: [] }),
  'standard int64 beyond 2^53': () => new StandardParameterType({ id: 9007199254740993n }),
  'standard mixed list (a union)': () => new StandardParameterType([1, 'a', true]),
  'ndarray float32 2-D': () => new NdArrayParameterType(new Float32Array([1, 2, 3, 4, 5, 6]), { shape: [2, 3] }),
  'ndarray int64 (the Azure reference)': () => new NdArrayParameterType(BigInt64Array.of(10n, 9n, 8n, 7n, 6n, 5n, 4n, 3n, 2n, 1n)),
  'ndarray uint8 image': () => new NdArrayParameterType(new Uint8Array(12), { shape: [2, 2, 3] }),
  ...Object.fromEntries(
    DATAFRAME_ORIENTS.map((orient) => [
      `dataframe ${orient}`,
      () => new DataFrameParameterType({ name: ['Sarah', 'John'], age: Int32Array.of(25, 26), score: [0.5, 1.5] }, { orient }),
    ]),
  ),
};

const cases = Object.entries(TYPES).flatMap(([name, create]) => {
  const type = create();
  return (['2.0', '3.0', '3.1'] as const).map((version) => ({ name, version, type }));
});

describe('documents of the real parameter types', () => {
  it.each(cases)('$name as input and output in $version', async ({ type, version }) => {
    const schema = type.toJsonSchema();
    const input = { type: 'object' as const, properties: { value: schema }, required: ['value'], example: { value: schema.example! } };
    const schemas = { input, output: schema, supportedVersions: type.supportedVersions() };
    if (!type.supportedVersions().includes(version)) {
      expect(() => buildServiceDocument(schemas, { version })).toThrow(UnsupportedVersionError);
      return;
    }
    const document = buildServiceDocument(schemas, { version });
    await expectValidDocument(document, version);
  });

  it('a union supports 3.0 and 3.1 only, and the refusal says where the union is', () => {
    const type = TYPES['standard mixed list (a union)']!();
    expect(type.supportedVersions()).toEqual(['3.0', '3.1']);
    expect(() => buildServiceDocument({ output: type.toJsonSchema(), supportedVersions: type.supportedVersions() }, { version: '2.0' })).toThrow(
      /^Cannot generate the Swagger 2\.0 document: \/definitions\/ServiceOutput\/items is .*Versions that work: OpenAPI 3\.0, OpenAPI 3\.1\.$/,
    );
  });
});

// examples/power-bi (its documents are pinned by packages/cli/test/golden/power-bi.*.json).
describe('the Power BI example script', () => {
  const scriptPath = fileURLToPath(new URL('../../../examples/power-bi/score.ts', import.meta.url));

  it.each(['2.0', '3.0', '3.1'] as const)('its %s document is valid and has the shape Power BI reads', async (version: OpenApiVersion) => {
    const script = await loadScoringScript(scriptPath);
    const document = buildServiceDocument(
      { input: script.inputSchema, output: script.outputSchema, supportedVersions: script.supportedVersions },
      { version },
    );
    await expectValidDocument(document, version);
    expect(powerBiShapeProblems(document)).toEqual([]);
    const input = componentSchemas(document).ServiceInput as { properties: Record<string, { properties?: object }> };
    expect(Object.keys(input.properties)).toEqual(['Inputs', 'GlobalParameters']);
    expect(Object.keys(input.properties.Inputs!.properties!).length).toBeGreaterThan(0);
  });
});
