import { postJson, send, startTestServer, type RawResponse, type TestServer } from '../support/harness.js';
import { specProblems, type OipSchemaName } from './open-inference-rest-schemas.js';

/** A response's JSON body, checked against a schema of open_inference_rest.yaml. */
function specBody(response: RawResponse, schema: OipSchemaName): any {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(specProblems(schema, response.json)).toEqual([]);
  return response.json;
}

function expectError(response: RawResponse, status: number, message: string | RegExp, schema: OipSchemaName = 'inference_error_response'): void {
  const error = typeof message === 'string' ? message : expect.stringMatching(message);
  expect({ status: response.status, body: response.json }).toEqual({ status, body: { error } });
  expect(Object.keys(response.json)).toEqual(['error']);
  specBody(response, schema);
}

/** A body of the binary tensor data extension: the JSON header, then the tensors' bytes. */
function binaryBody(header: object, ...tensors: Uint8Array[]): { body: Buffer; headers: Record<string, string> } {
  const json = Buffer.from(JSON.stringify(header));
  return {
    body: Buffer.concat([json, ...tensors]),
    headers: { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(json.length) },
  };
}

/** Splits a binary answer into its JSON header and the bytes after it. */
function splitBinary(response: RawResponse): { header: any; rest: Buffer } {
  const length = Number(response.headers['inference-header-content-length']);
  return { header: JSON.parse(response.body.subarray(0, length).toString('utf8')), rest: response.body.subarray(length) };
}

const fp32 = (values: number[]) => values.map((value) => Math.fround(value));

// The specification's example request (inference_rest.md, "Inference Request Examples"). As printed, input1
// has shape [3] but one element: a request the server must refuse.
const SPEC_REQUEST = {
  id: '42',
  inputs: [
    { name: 'input0', shape: [2, 2], datatype: 'UINT32', data: [1, 2, 3, 4] },
    { name: 'input1', shape: [3], datatype: 'BOOL', data: [true] },
  ],
  outputs: [{ name: 'output0' }],
};
const FIXED_REQUEST = { ...SPEC_REQUEST, inputs: [SPEC_REQUEST.inputs[0]!, { name: 'input1', shape: [3], datatype: 'BOOL', data: [true, false, true] }] };

describe('Open Inference Protocol REST routes, with the specification’s example model', () => {
  let served: TestServer;
  let url: string;
  beforeAll(async () => {
    served = await startTestServer('oip-mymodel.ts', { modelName: 'mymodel' });
    url = served.url;
  });
  afterAll(() => served.close());

  it('GET /v2: server metadata with the binary tensor data extension', async () => {
    const body = specBody(await send(`${url}/v2`), 'metadata_server_response');
    expect(body).toEqual({ name: 'inferschema', version: expect.any(String), extensions: ['binary_tensor_data'] });
  });

  it('GET /v2/models/mymodel: metadata from the samples', async () => {
    const body = specBody(await send(`${url}/v2/models/mymodel`), 'metadata_model_response');
    expect(body).toEqual({
      name: 'mymodel',
      platform: 'inferschema',
      inputs: [
        { name: 'input0', datatype: 'UINT32', shape: [-1, 2] },
        { name: 'input1', datatype: 'BOOL', shape: [-1] },
      ],
      outputs: [{ name: 'output0', datatype: 'FP32', shape: [-1, -1] }],
    });
  });

  it('GET /v2/models/mymodel/ready and the health probes', async () => {
    // inference_rest.md's $ready_model_response (open_inference_rest.yaml gives this route no body schema).
    expect(specBody(await send(`${url}/v2/models/mymodel/ready`), 'parameters')).toEqual({ name: 'mymodel', ready: true });
    expect((await send(`${url}/v2/health/live`)).status).toBe(200);
    expect((await send(`${url}/v2/health/ready`)).status).toBe(200);
  });

  it('refuses the specification’s example as printed (3 BOOL elements declared, 1 sent)', async () => {
    expectError(await postJson(`${url}/v2/models/mymodel/infer`, JSON.stringify(SPEC_REQUEST)), 400, "input 'input1': shape [3] needs 3 elements, but data has 1");
  });

  it('answers the example with its elements: output0 FP32 [3, 2], the request id', async () => {
    const response = await postJson(`${url}/v2/models/mymodel/infer`, JSON.stringify(FIXED_REQUEST));
    expect(response.status).toBe(200);
    expect(specBody(response, 'inference_response')).toEqual({
      model_name: 'mymodel',
      id: '42',
      outputs: [{ name: 'output0', datatype: 'FP32', shape: [3, 2], data: fp32([1, 1.1, 2, 2.1, 3, 3.1]) }],
    });
    const nested = { inputs: [{ ...FIXED_REQUEST.inputs[0], data: [[1, 2], [3, 4]] }, FIXED_REQUEST.inputs[1]] };
    expect((await postJson(`${url}/v2/models/mymodel/infer`, JSON.stringify(nested))).json.outputs[0].data).toEqual(fp32([1, 1.1, 2, 2.1, 3, 3.1]));
  });

  it('answers Triton’s binary example: 16 + 3 bytes in, 24 bytes of FP32 out', async () => {
    const { body, headers } = binaryBody(
      {
        model_name: 'mymodel',
        inputs: [
          { name: 'input0', shape: [2, 2], datatype: 'UINT32', parameters: { binary_data_size: 16 } },
          { name: 'input1', shape: [3], datatype: 'BOOL', parameters: { binary_data_size: 3 } },
        ],
        outputs: [{ name: 'output0', parameters: { binary_data: true } }],
      },
      new Uint8Array(Uint32Array.of(1, 2, 3, 4).buffer),
      Uint8Array.of(1, 0, 1),
    );
    const response = await send(`${url}/v2/models/mymodel/infer`, { method: 'POST', headers, body });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    const { header, rest } = splitBinary(response);
    expect(header).toEqual({ model_name: 'mymodel', outputs: [{ name: 'output0', datatype: 'FP32', shape: [3, 2], parameters: { binary_data_size: 24 } }] });
    // The extension replaces `data` with binary_data_size: the one difference from the JSON schema.
    expect(specProblems('inference_response', header)).toEqual(["/outputs/0 must have required property 'data'"]);
    expect(Array.from(new Float32Array(rest.buffer.slice(rest.byteOffset, rest.byteOffset + rest.length)))).toEqual(fp32([1, 1.1, 2, 2.1, 3, 3.1]));
  });

  it('binary_data_output asks for every output as binary; JSON inputs may come with it', async () => {
    const request = { ...FIXED_REQUEST, outputs: undefined, parameters: { binary_data_output: true } };
    const response = await postJson(`${url}/v2/models/mymodel/infer`, JSON.stringify(request));
    const { header, rest } = splitBinary(response);
    expect(header.outputs[0].parameters).toEqual({ binary_data_size: 24 });
    expect(rest.length).toBe(24);
  });

  it('answers 404 {error} for an unknown model or version', async () => {
    expectError(await postJson(`${url}/v2/models/other/infer`, JSON.stringify(FIXED_REQUEST)), 404, /^Unknown model 'other'; this server serves 'mymodel'/);
    expectError(await send(`${url}/v2/models/other`), 404, /^Unknown model 'other'/, 'metadata_model_error_response');
    expectError(await send(`${url}/v2/models/mymodel/versions/2`), 404, "Unknown version '2' of model 'mymodel'; it has no versions", 'metadata_model_error_response');
    expectError(await postJson(`${url}/v2/models/mymodel/versions/2/infer`, JSON.stringify(FIXED_REQUEST)), 404, /^Unknown version '2'/);
    expectError(await send(`${url}/v2/models/other/ready`), 404, /^Unknown model 'other'/);
  });

  describe('bad input: 400 {error} naming the tensor, never 5xx', () => {
    const infer = (request: object) => postJson(`${url}/v2/models/mymodel/infer`, JSON.stringify(request));
    const withInput = (index: number, change: object) => ({
      inputs: FIXED_REQUEST.inputs.map((input, i) => (i === index ? { ...input, ...change } : input)),
    });

    it('wrong datatype, shape, count, missing or extra input', async () => {
      expectError(await infer(withInput(0, { datatype: 'INT32' })), 400, "input 'input0': datatype INT32, expected UINT32");
      expectError(await infer(withInput(0, { shape: [1, 4] })), 400, "input 'input0': shape [1, 4] does not fit [-1, 2] (-1 is any size)");
      expectError(await infer(withInput(0, { shape: [3, 2] })), 400, "input 'input0': shape [3, 2] needs 6 elements, but data has 4");
      expectError(await infer(withInput(0, { data: [1, 2, 3, -4] })), 400, "input 'input0': element 3 is -4, expected an integer from 0 to 4294967295 (UINT32)");
      expectError(await infer({ inputs: [FIXED_REQUEST.inputs[0]] }), 400, /^input 'input1' is missing; the model's inputs are 'input0', 'input1'/);
      expectError(await infer({ inputs: [...FIXED_REQUEST.inputs, { name: 'input2', shape: [1], datatype: 'FP32', data: [1] }] }), 400, /^unknown input 'input2'/);
      expectError(await infer({ ...FIXED_REQUEST, outputs: [{ name: 'output9' }] }), 400, "unknown output 'output9'; the model's outputs are 'output0'");
      expectError(await infer({ inputs: 'none' }), 400, 'inputs must be an array of input tensors');
      expectError(await infer({ id: 42, inputs: [] }), 400, 'id must be a string');
    });

    it('malformed bodies: not JSON, not UTF-8, empty', async () => {
      expectError(await postJson(`${url}/v2/models/mymodel/infer`, '{"inputs": ['), 400, /^The inference request is not JSON: /);
      const latin1 = Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]);
      expectError(await send(`${url}/v2/models/mymodel/infer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: latin1 }), 400, /^The inference request is not UTF-8: /);
      expectError(await send(`${url}/v2/models/mymodel/infer`, { method: 'POST' }), 400, /^The request body is empty/);
    });

    const binaryRequest = (sizes: [number, number], input0Bytes = 16) =>
      binaryBody(
        {
          inputs: [
            { name: 'input0', shape: [2, 2], datatype: 'UINT32', parameters: { binary_data_size: sizes[0] } },
            { name: 'input1', shape: [3], datatype: 'BOOL', parameters: { binary_data_size: sizes[1] } },
          ],
        },
        new Uint8Array(input0Bytes),
        Uint8Array.of(1, 0, 1),
      );

    it('Inference-Header-Content-Length larger than the body or not a number', async () => {
      const { body, headers } = binaryRequest([16, 3]);
      const post = (length: string) => send(`${url}/v2/models/mymodel/infer`, { method: 'POST', headers: { ...headers, 'inference-header-content-length': length }, body });
      expectError(await post(String(body.length + 1)), 400, `Inference-Header-Content-Length is ${body.length + 1}, but the body is only ${body.length} bytes`);
      expectError(await post('12abc'), 400, "Inference-Header-Content-Length must be a whole number of bytes, not '12abc'");
      expectError(await post('-5'), 400, /^Inference-Header-Content-Length must be a whole number/);
      expectError(await post('0'), 400, /^Inference-Header-Content-Length 0 .* is not supported/);
    });

    it('binary sizes that do not add up, or that do not fit the tensor', async () => {
      const post = ({ body, headers }: ReturnType<typeof binaryRequest>) => send(`${url}/v2/models/mymodel/infer`, { method: 'POST', headers, body });
      expectError(await post(binaryRequest([16, 2])), 400, "the body has 19 bytes of binary data after the JSON header, but the inputs' binary_data_size add up to 18");
      expectError(await post(binaryRequest([16, 4])), 400, "input 'input1': binary_data_size is 4, but only 3 bytes of binary data remain after the JSON header");
      expectError(await post(binaryRequest([12, 3], 12)), 400, "input 'input0': binary data is 12 bytes, but 4 UINT32 elements take 16");
      const { body } = binaryRequest([16, 3]);
      expectError(await send(`${url}/v2/models/mymodel/infer`, { method: 'POST', body }), 400, /^The inference request is not JSON/);
    });
  });
});

describe('a DataFrame model over REST: one tensor per column, BYTES length-prefixed, exact int64', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer('oip-frames.ts');
  });
  afterAll(() => served.close());

  it('is named after its file; a row per element, int64 beyond 2^53 exact', async () => {
    const metadata = specBody(await send(`${served.url}/v2/models/oip-frames`), 'metadata_model_response');
    expect(metadata.inputs).toEqual([
      { name: 'id', datatype: 'INT64', shape: [-1, 1] },
      { name: 'income', datatype: 'FP64', shape: [-1, 1] },
      { name: 'city', datatype: 'BYTES', shape: [-1, 1] },
    ]);
    const request = `{"id":"a","inputs":[{"name":"id","datatype":"INT64","shape":[2,1],"data":[9007199254740993,2]},{"name":"income","datatype":"FP64","shape":[2,1],"data":[61000,12000]},{"name":"city","datatype":"BYTES","shape":[2,1],"data":["Oslo","Bergen"]}]}`;
    const response = await postJson(`${served.url}/v2/models/oip-frames/infer`, request);
    expect(response.status).toBe(200);
    specBody(response, 'inference_response');
    expect(response.text).toContain('"data":[9007199254740993,2]');
    expect(response.json.outputs[1]).toEqual({ name: 'approved', datatype: 'BOOL', shape: [2, 1], data: [true, false] });
  });

  it('reads BYTES columns as 4-byte length-prefixed binary data; an element overrunning the buffer is refused', async () => {
    const city = Buffer.concat([Buffer.from([4, 0, 0, 0]), Buffer.from('Oslo')]);
    const header = (size: number) => ({
      inputs: [
        { name: 'id', datatype: 'INT64', shape: [1, 1], data: [7] },
        { name: 'income', datatype: 'FP64', shape: [1], data: [50000] },
        { name: 'city', datatype: 'BYTES', shape: [1, 1], parameters: { binary_data_size: size } },
      ],
    });
    const good = binaryBody(header(8), city);
    expect((await send(`${served.url}/v2/models/oip-frames/infer`, { method: 'POST', ...good })).json.outputs[0].data).toEqual([7]);
    const overrun = binaryBody(header(8), Buffer.concat([Buffer.from([200, 0, 0, 0]), Buffer.from('Oslo')]));
    expectError(await send(`${served.url}/v2/models/oip-frames/infer`, { method: 'POST', ...overrun }), 400, "input 'city': BYTES element 0 is 200 bytes long, but only 4 bytes remain");
    const notUtf8 = binaryBody(header(8), Buffer.from([4, 0, 0, 0, 0xff, 0xfe, 0x41, 0x42]));
    expectError(await send(`${served.url}/v2/models/oip-frames/infer`, { method: 'POST', ...notUtf8 }), 400, "input 'city': BYTES element 0 is not UTF-8 text");
  });

  it('rows that differ between columns are refused; run throwing is 500 {error}', async () => {
    const tensors = (rows: number[]) => ({
      inputs: [
        { name: 'id', datatype: 'INT64', shape: [rows[0], 1], data: Array(rows[0]).fill(1) },
        { name: 'income', datatype: 'FP64', shape: [rows[1], 1], data: Array(rows[1]).fill(-1) },
        { name: 'city', datatype: 'BYTES', shape: [rows[0], 1], data: Array(rows[0]).fill('x') },
      ],
    });
    expectError(await postJson(`${served.url}/v2/models/oip-frames/infer`, JSON.stringify(tensors([1, 2]))), 400, /^input 'income': has 2 rows, but column 'id' has 1/);
    const failed = await postJson(`${served.url}/v2/models/oip-frames/infer`, JSON.stringify(tensors([1, 1])));
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ error: "Model 'oip-frames': run() failed; see the server log" });
  });
});
