import { buildServiceDocument } from '@inferschema/openapi';
import { AZURE_REFERENCE, POWER_BI } from './support/schemas.js';
import { powerBiShapeProblems } from './support/power-bi.js';

describe('the Power BI shape', () => {
  it.each(['2.0', '3.0', '3.1'] as const)('the Power BI sample gives a %s document Power BI reads', (version) => {
    const document = buildServiceDocument(POWER_BI, { version });
    expect(powerBiShapeProblems(document)).toEqual([]);
  });

  it('the Swagger 2.0 document (the one /swagger.json serves by default) keeps Inputs, GlobalParameters and Results', () => {
    const { ServiceInput, ServiceOutput } = buildServiceDocument(POWER_BI, { version: '2.0' }).definitions!;
    expect(Object.keys(ServiceInput!.properties!)).toEqual(['Inputs', 'GlobalParameters']);
    expect(ServiceInput!.properties!.Inputs!.required).toEqual(['input1', 'input2', 'input3']);
    expect(ServiceInput!.properties!.Inputs!.properties!.input2!.format).toBe('pandas.DataFrame:records');
    expect(ServiceOutput).toEqual({
      type: 'object',
      required: ['Results'],
      properties: { Results: { type: 'array', items: { type: 'number', format: 'double' } } },
      example: { Results: [1, 1] },
    });
  });

  it('the check finds a document Power BI cannot read', () => {
    expect(powerBiShapeProblems(buildServiceDocument(AZURE_REFERENCE, { version: '2.0' }))).toEqual([
      'ServiceInput has no object property Inputs',
      'ServiceInput has properties besides Inputs and GlobalParameters: data',
      'ServiceOutput is not an object with a required Results',
    ]);
  });
});
