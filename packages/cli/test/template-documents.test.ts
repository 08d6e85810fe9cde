// Each input kind's template ships the swagger.json `inferschema init` writes: it must be what the document
// builder makes of the template's own script, so a change to the script, the builder or a schema cannot leave
// it stale (`UPDATE_GOLDEN=1` writes them anew; review the diff).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadScoringScript } from '@inferschema/core/runtime';
import { serializeDocument } from '@inferschema/openapi';
import { expectGoldenText } from '../../openapi/test/support/golden.js';
import { templateScript } from '../src/scaffold/project-files.js';
import { INPUT_KINDS } from '../src/scaffold/project-options.js';
import { generateServiceDocument } from '../src/service-document.js';

describe("the templates' swagger.json", () => {
  it.each(INPUT_KINDS)('%s: equals the document built from the template script', async (input) => {
    const script = await loadScoringScript(templateScript(input), { tsconfig: false });
    const document = serializeDocument(generateServiceDocument(script, '2.0', {}));
    expectGoldenText(join(templateScript(input), '..', 'swagger.json'), document);
  });

  it('differ from one another (one per input kind, not one copy)', async () => {
    const texts = await Promise.all(INPUT_KINDS.map((input) => readFile(join(templateScript(input), '..', 'swagger.json'), 'utf8')));
    expect(new Set(texts).size).toBe(INPUT_KINDS.length);
  });
});
