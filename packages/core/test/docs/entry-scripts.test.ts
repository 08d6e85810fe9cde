// The examples of docs/entry-scripts.md that are not whole entry scripts of their own: the two script forms
// (packages/core/test/fixtures/docs/{class,function}-form.ts) and the introspection calls, run as the doc shows them.
import {
  getInputSchema,
  getOutputSchema,
  getSupportedVersions,
  isSchemaDecorated,
  loadScoringScript,
} from '@inferschema/core/runtime';
import Model from '../fixtures/docs/class-form.js';
import { run } from '../fixtures/docs/function-form.js';
import { fixture } from '../script/fixture-paths.js';

const WEIGHTS_DIR = fixture('docs/models/forms'); // weights.json: [0.5, 0.25, 0.125]

describe('the two script forms of docs/entry-scripts.md', () => {
  for (const form of ['class-form.ts', 'function-form.ts']) {
    it(`${form}: init receives the model directory, run scores each row, bad rows are 400s at their path`, async () => {
      const script = await loadScoringScript(fixture(`docs/${form}`));
      expect(script.kind).toBe('schema');
      await script.init(WEIGHTS_DIR);
      await expect(script.invoke({ data: [[1, 2, 3], [0, 0, 8]] })).resolves.toEqual([1.375, 1]);
      const error = await script.invoke({ data: [[1, 2]] }).catch((caught: unknown) => caught);
      expect((error as { errors: unknown }).errors).toEqual([{ path: '/data/0', message: 'must have exactly 3 items' }]);
    });
  }
});

describe('introspection and loading from code, as docs/entry-scripts.md shows it', () => {
  it('returns the schemas, versions and results shown', async () => {
    // #region introspection
    expect(getInputSchema(Model.prototype.run)).toMatchObject({ type: 'object', required: ['data'], example: { data: [[1, 2, 3]] } });
    expect(getOutputSchema(run)).toMatchObject({ format: 'numpy.ndarray', example: [0.5] });
    expect(getSupportedVersions(run)).toEqual(['2.0', '3.0', '3.1']); // the intersection over every declared type
    expect(isSchemaDecorated(run)).toBe(true);

    const script = await loadScoringScript(fixture('docs/function-form.ts'));
    await script.init(WEIGHTS_DIR); // sets AZUREML_MODEL_DIR, calls init
    await expect(script.invoke({ data: [[1, 2, 3]] })).resolves.toEqual([1.375]); // decode → run → encode
    // #endregion introspection
    expect(process.env.AZUREML_MODEL_DIR).toBe(WEIGHTS_DIR);
  });
});
