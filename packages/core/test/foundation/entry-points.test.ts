import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

// The root export is the authoring API; publishing freezes it, so any change to it shows up here first.
const ROOT_VALUES = [
  'InputValidationError',
  'NDARRAY_DTYPES',
  'NdArrayParameterType',
  'ParameterType',
  'ScoringResponse',
  'StandardParameterType',
  'UnencodableValueError',
  'batch',
  'getModelPath',
  'inputSchema',
  'integer',
  'modelInit',
  'outputSchema',
  'parseJson',
  'rawHttp',
  'stringifyJson',
  'withSchemas',
];

const INTERNALS = ['appendPointer', 'validationSchemaOf', 'hasExactIntegers', 'createStrictAjv', 'MAX_REPORTED_ISSUES'];


/**
 * Runs `code` in a fresh Node where apache-arrow is not installed: a resolve hook reports each request for it
 * and fails it as Node fails a missing package. Returns what `code` printed and whether Arrow was asked for.
 */
async function withoutArrow(code: string): Promise<{ output: string; arrowRequested: boolean }> {
  const hook = `let port;
    export function initialize(data) { port = data.port; }
    export async function resolve(specifier, context, next) {
      if (specifier !== 'apache-arrow') return next(specifier, context);
      port.postMessage(specifier);
      throw Object.assign(new Error("Cannot find package 'apache-arrow' imported from " + context.parentURL), { code: 'ERR_MODULE_NOT_FOUND' });
    }`;
  const setup = `import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    let arrowRequested = false;
    port1.on('message', () => { arrowRequested = true; }).unref();
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), { data: { port: port2 }, transferList: [port2] });`;
  const report = `await new Promise((resolve) => setTimeout(resolve, 100));
    console.log(JSON.stringify({ arrowRequested }));`;
  // Awaited, not execFileSync: this thread's event loop keeps turning (test/support/event-loop-turns.ts).
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', `${setup}\n${code}\n${report}`], {
    cwd: import.meta.dirname,
    encoding: 'utf8',
  });
  const lines = stdout.trimEnd().split('\n');
  const { arrowRequested } = JSON.parse(lines.pop()!) as { arrowRequested: boolean };
  return { output: lines.join('\n'), arrowRequested };
}

describe('entry points', () => {
  it('the root exports exactly the authoring API', async () => {
    const root = await import('@inferschema/core');
    expect(Object.keys(root).sort()).toEqual([...ROOT_VALUES].sort());
  });

  it('internals are exported by no entry point; appendPointer and MAX_REPORTED_ISSUES only by the schema plumbing', async () => {
    const names = async (entry: string) => Object.keys((await import(entry)) as object);
    for (const entry of ['@inferschema/core', '@inferschema/core/runtime', '@inferschema/core/dataframe']) {
      expect(await names(entry)).not.toEqual(expect.arrayContaining([expect.toBeOneOf(INTERNALS)]));
    }
    const schema = await names('@inferschema/core/schema');
    expect(schema).toEqual(expect.arrayContaining(['appendPointer', 'MAX_REPORTED_ISSUES']));
    expect(schema).not.toEqual(expect.arrayContaining([expect.toBeOneOf(['validationSchemaOf', 'hasExactIntegers', 'createStrictAjv'])]));
  });

  it('importing the root never asks for apache-arrow', async () => {
    expect(await withoutArrow("await import('@inferschema/core');")).toEqual({ output: '', arrowRequested: false });
  });

  it('without apache-arrow, every entry point loads and DataFrames of plain objects work', async () => {
    const result = await withoutArrow(`
      await import('@inferschema/core/runtime');
      await import('@inferschema/core/schema');
      await import('@inferschema/core/protocols');
      await import('@inferschema/core/protocols/oip');
      await import('@inferschema/core/codecs');
      const { DataFrameParameterType } = await import('@inferschema/core/dataframe');
      const type = new DataFrameParameterType({ rooms: [3] });
      console.log(JSON.stringify(type.decode([{ rooms: 4 }])));
    `);
    expect(result).toEqual({ output: '{"rooms":[4]}', arrowRequested: true });
  });
});
