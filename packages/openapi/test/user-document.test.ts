import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadUserDocument, USER_DOCUMENT_FILES } from '@inferschema/openapi';

describe('loadUserDocument', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inferschema-user-doc-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the Azure ML file names', () => {
    expect(USER_DOCUMENT_FILES).toEqual({
      '2.0': ['swagger.json', 'swagger2.json'],
      '3.0': ['swagger3.json'],
      '3.1': ['swagger3.1.json'],
    });
  });

  it('resolves to undefined when there is no file', async () => {
    for (const version of ['2.0', '3.0', '3.1'] as const) expect(await loadUserDocument(dir, version)).toBeUndefined();
  });

  it('reads each version from its own file, as it is', async () => {
    await writeFile(join(dir, 'swagger2.json'), '{"swagger": "2.0", "x-mine": 2}');
    await writeFile(join(dir, 'swagger3.json'), '"three"');
    await writeFile(join(dir, 'swagger3.1.json'), '{"openapi": "3.1.0", "x-id": 9007199254740993}');
    expect(await loadUserDocument(dir, '2.0')).toEqual({
      path: join(dir, 'swagger2.json'),
      document: { swagger: '2.0', 'x-mine': 2 },
    });
    expect(await loadUserDocument(dir, '3.0')).toEqual({ path: join(dir, 'swagger3.json'), document: 'three' });
    expect((await loadUserDocument(dir, '3.1'))?.document).toEqual({ openapi: '3.1.0', 'x-id': 9007199254740993n });
  });

  it('prefers swagger.json over swagger2.json for 2.0', async () => {
    await writeFile(join(dir, 'swagger2.json'), '{"from": "swagger2.json"}');
    await writeFile(join(dir, 'swagger.json'), '{"from": "swagger.json"}');
    expect(await loadUserDocument(dir, '2.0')).toEqual({ path: join(dir, 'swagger.json'), document: { from: 'swagger.json' } });
  });

  it.each(['{}', '[]', '""', '0', 'false', 'null', ' {} \n'])('treats a file holding %j as absent', async (text) => {
    await writeFile(join(dir, 'swagger3.json'), text);
    expect(await loadUserDocument(dir, '3.0')).toBeUndefined();
  });

  it('falls back to swagger2.json when swagger.json is empty', async () => {
    await writeFile(join(dir, 'swagger.json'), '{}');
    await writeFile(join(dir, 'swagger2.json'), '{"swagger": "2.0"}');
    expect(await loadUserDocument(dir, '2.0')).toEqual({ path: join(dir, 'swagger2.json'), document: { swagger: '2.0' } });
  });

  it('names the file that is not JSON', async () => {
    await writeFile(join(dir, 'swagger3.json'), '{"openapi": ');
    await expect(loadUserDocument(dir, '3.0')).rejects.toThrow(
      new SyntaxError(`${join(dir, 'swagger3.json')} is not valid JSON: Unexpected end of JSON input`),
    );
  });
});
