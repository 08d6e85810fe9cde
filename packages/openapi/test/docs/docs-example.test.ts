// The code block at the top of docs/openapi.md (write-openapi-document.ts), run on examples/regression/score.ts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOpenApiDocument } from './write-openapi-document.js';

const scriptPath = fileURLToPath(new URL('../../../../examples/regression/score.ts', import.meta.url));

describe('building a document from code, as docs/openapi.md shows it', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'inferschema-openapi-doc-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('writes the OpenAPI 3.1 document of the script, titled from SERVICE_NAME', async () => {
    const outFile = join(folder, 'openapi.json');
    process.env.SERVICE_NAME = 'regression';
    try {
      await writeOpenApiDocument(scriptPath, outFile);
    } finally {
      delete process.env.SERVICE_NAME;
    }
    const written = JSON.parse(await readFile(outFile, 'utf8')) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(written.openapi).toBe('3.1.0');
    expect(written.info.title).toBe('regression');
    expect(Object.keys(written.paths)).toEqual(expect.arrayContaining(['/', '/score', '/swagger.json']));
    expect(JSON.stringify(written)).toContain('numpy.ndarray');
  });
});
