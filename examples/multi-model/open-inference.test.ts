import { join } from 'node:path';
import { createServer, type ScoringServer } from '@inferschema/server';
import { EXAMPLES_DIR, postJson, requestText, serveExample, type ServedExample } from '../support/serve-example.js';

const DIR = join(EXAMPLES_DIR, 'multi-model');

/** The houses of requests/houses.json as one OIP input tensor per column. */
function columnTensors(houses: Record<string, number>[]) {
  const column = (name: string, datatype: string) => ({ name, datatype, shape: [houses.length, 1], data: houses.map((house) => house[name]) });
  return [column('area_m2', 'FP64'), column('bedrooms', 'INT32'), column('age_years', 'INT32'), column('distance_km', 'FP64')];
}

describe('multi-model example served as two Open Inference Protocol models (serve house-price.ts sells-fast.ts)', () => {
  let server: ScoringServer;
  let url: string;
  let single: ServedExample;
  beforeAll(async () => {
    server = await createServer([{ script: join(DIR, 'house-price.ts') }, { script: join(DIR, 'sells-fast.ts') }], {
      modelDir: join(DIR, 'model'),
      port: 0,
      logLevel: 'silent',
    });
    url = await server.start();
    single = await serveExample('multi-model');
  });
  afterAll(async () => {
    await server.close();
    await single.close();
  });

  it('names each model after its file and describes its tensors', async () => {
    const metadata = await (await fetch(`${url}/v2/models/house-price`)).json();
    expect(metadata).toEqual({
      name: 'house-price',
      platform: 'inferschema',
      inputs: [
        { name: 'area_m2', datatype: 'FP64', shape: [-1, 1] },
        { name: 'bedrooms', datatype: 'INT32', shape: [-1, 1] },
        { name: 'age_years', datatype: 'INT32', shape: [-1, 1] },
        { name: 'distance_km', datatype: 'FP64', shape: [-1, 1] },
      ],
      outputs: [
        { name: 'price', datatype: 'FP64', shape: [-1, 1] },
        { name: 'price_model', datatype: 'BYTES', shape: [-1, 1] },
      ],
    });
    expect((await fetch(`${url}/v2/models/sells-fast/ready`)).status).toBe(200);
  });

  it('each model reads its own model directory; together they answer what score.ts answers on /score', async () => {
    const body = requestText('multi-model', 'houses.json');
    const inputs = columnTensors(JSON.parse(body).houses);
    const infer = async (model: string) => {
      const response = await fetch(`${url}/v2/models/${model}/infer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inputs }) });
      expect(response.status).toBe(200);
      return (await response.json()) as { model_name: string; outputs: { name: string; data: unknown[] }[] };
    };
    const [price, sells] = await Promise.all([infer('house-price'), infer('sells-fast')]);
    const scored = (await (await postJson(single.url, body)).json()) as Record<string, unknown>[];
    expect(price.outputs.find((output) => output.name === 'price')!.data).toEqual(scored.map((row) => row.price));
    expect(price.outputs.find((output) => output.name === 'price_model')!.data).toEqual(scored.map((row) => row.price_model));
    expect(sells.outputs[0]).toEqual({ name: 'sells_within_30_days', datatype: 'FP64', shape: [3, 1], data: scored.map((row) => row.sells_within_30_days) });
  });

  it('/score serves a single model: with two it answers 404 naming them', async () => {
    const response = await postJson(url, requestText('multi-model', 'houses.json'));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: 'This server serves several models (house-price, sells-fast); /score serves a single one. Call POST /v2/models/{name}/infer.',
    });
  });
});
