// `inferschema run` with binary input and output files: the format from the file's extension or
// --content-type / --accept, through the same codec registry as the server.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNpy, writeNpy } from '@inferschema/core/codecs';
import * as fl from '@uwdata/flechette';
import { tableFromIPC } from 'apache-arrow';
import ndarray from 'ndarray';
import { CLI_TIMEOUT, fixture, runCli } from './support/run-cli.js';

const ARRAYS = fixture('binary/arrays.ts');
const TABLE = fixture('binary/table.ts');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inferschema-run-binary-'));
  await writeFile(join(dir, 'features.npy'), writeNpy(ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3])));
  await writeFile(join(dir, 'features.bin'), writeNpy(ndarray(new Float64Array([1, 2, 3]), [1, 3])));
  await writeFile(join(dir, 'wrong.npy'), writeNpy(ndarray(new Float64Array([1, 2]), [1, 2])));
  const rows = fl.tableFromArrays({ id: Int32Array.of(1, 2, 3), score: Float64Array.of(0.9, 0.1, 0.5) }, { types: { id: fl.int32(), score: fl.float64() } });
  await writeFile(join(dir, 'rows.arrows'), fl.tableToIPC(rows, { format: 'stream' })!);
  await writeFile(join(dir, 'rows.arrow'), fl.tableToIPC(rows, { format: 'file' })!);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('inferschema run with binary bodies', { timeout: CLI_TIMEOUT }, () => {
  it('reads a .npy input by its extension and prints the result as JSON', async () => {
    const result = await runCli(['run', ARRAYS, '--input-file', join(dir, 'features.npy')]);
    expect(result).toEqual({ code: 0, stdout: '[[2,4,6],[8,10,12]]\n', stderr: '' });
  });

  it('takes --content-type for a file whose extension says nothing, and writes --output-file in its extension\'s format', async () => {
    const out = join(dir, 'out.npy');
    const result = await runCli(['run', ARRAYS, '--input-file', join(dir, 'features.bin'), '--content-type', 'application/x-npy', '--output-file', out]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    const array = readNpy(await readFile(out));
    expect([array.shape, Array.from(array.data as Float64Array)]).toEqual([[1, 3], [2, 4, 6]]);
  });

  it('reads Arrow streams and files written by flechette, and writes an Arrow result', async () => {
    for (const input of ['rows.arrows', 'rows.arrow']) {
      const out = join(dir, `out-${input}`);
      const result = await runCli(['run', TABLE, '--input-file', join(dir, input), '--output-file', out]);
      expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
      const table = tableFromIPC(await readFile(out));
      expect(table.getChild('id')!.toArray()).toEqual(Int32Array.of(1, 3));
    }
    const json = await runCli(['run', TABLE, '--input-file', join(dir, 'rows.arrows')]);
    expect(json).toEqual({ code: 0, stdout: '[{"id":1,"score":0.9},{"id":3,"score":0.5}]\n', stderr: '' });
  });

  it('names a body that does not fit the sample, with the parameter in its path', async () => {
    const result = await runCli(['run', ARRAYS, '--input-file', join(dir, 'wrong.npy')]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: invalid input (1 problem)\n  /data: .npy array has shape (1, 2): dimension 1 must have size 3, like the sample's (1, 3)\n",
    });
  });

  it('refuses a format the script cannot take or give, listing those it can (exit 2)', async () => {
    const input = await runCli(['run', TABLE, '--input-file', join(dir, 'features.npy')]);
    expect(input).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: the input format application/x-npy is not one this script takes: application/json, application/vnd.apache.arrow.stream, application/vnd.apache.arrow.file\n',
    });
    const output = await runCli(['run', ARRAYS, '--input-file', join(dir, 'features.npy'), '--accept', 'text/csv']);
    expect(output.code).toBe(2);
    expect(output.stderr).toBe('error: the output format text/csv is not one this script takes: application/json, application/x-npy\n');
  });

  it('refuses a bad --content-type or --accept before init runs: no model loaded, no output written', async () => {
    const mark = join(dir, 'init-ran');
    const out = join(dir, 'refused.npy');
    const env = { INIT_MARK: mark };
    const badInput = await runCli(['run', ARRAYS, '--input-file', join(dir, 'features.npy'), '--content-type', 'text/csv', '--output-file', out], { env });
    expect(badInput).toEqual({ code: 2, stdout: '', stderr: 'error: the input format text/csv is not one this script takes: application/json, application/x-npy\n' });
    const badOutput = await runCli(['run', ARRAYS, '--input-file', join(dir, 'features.npy'), '--accept', 'application/vnd.apache.arrow.stream', '--output-file', out], { env });
    expect(badOutput).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: the output format application/vnd.apache.arrow.stream is not one this script takes: application/json, application/x-npy\n',
    });
    await expect(readFile(mark)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
    // The same command with formats that fit runs init and writes the result.
    expect((await runCli(['run', ARRAYS, '--input-file', join(dir, 'features.npy'), '--output-file', out], { env })).code).toBe(0);
    expect(await readFile(mark, 'utf8')).toBe('init ran\n');
  });
});
