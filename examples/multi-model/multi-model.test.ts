import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '@inferschema/server';
import { EXAMPLES_DIR, postJson, requestText, serveExample, type ServedExample } from '../support/serve-example.js';

const MODEL_DIR = join(EXAMPLES_DIR, 'multi-model', 'model');

interface Weights {
  intercept: number;
  coefficients: Record<string, number>;
}
type House = { area_m2: number; bedrooms: number; age_years: number; distance_km: number };

function weights(name: string, version: number, root = MODEL_DIR): Weights {
  return JSON.parse(readFileSync(join(root, name, String(version), `${name}.json`), 'utf8')) as Weights;
}

/** The regression's score, written out feature by feature. */
function score({ intercept, coefficients: w }: Weights, house: House): number {
  return intercept + (w.area_m2 ?? 0) * house.area_m2 + (w.bedrooms ?? 0) * house.bedrooms + (w.age_years ?? 0) * house.age_years + (w.distance_km ?? 0) * house.distance_km;
}

function expected(body: string, priceVersion: number, root = MODEL_DIR): object[] {
  const price = weights('house-price', priceVersion, root);
  const sells = weights('sells-fast', 1, root);
  return (JSON.parse(body) as { houses: House[] }).houses.map((house) => ({
    price: Math.round(score(price, house) * 100) / 100,
    price_model: `house-price:${priceVersion}`,
    sells_within_30_days: Math.round(10_000 / (1 + Math.exp(-score(sells, house)))) / 10_000,
  }));
}

describe('multi-model example: two models in NAME/VERSION folders, located with getModelPath', () => {
  let served: ServedExample;
  beforeAll(async () => {
    served = await serveExample('multi-model');
  });
  afterAll(() => served.close());

  it('prices requests/houses.json with the latest house-price (version 2)', async () => {
    const body = requestText('multi-model', 'houses.json');
    const response = await postJson(served.url, body);
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toEqual(expected(body, 2));
    expect(result).toEqual([
      { price: 267350, price_model: 'house-price:2', sells_within_30_days: 0.5364 },
      { price: 304750, price_model: 'house-price:2', sells_within_30_days: 0.0859 },
      { price: 213300, price_model: 'house-price:2', sells_within_30_days: 0.7536 },
    ]);
  });

  it('prices requests/houses-version-1.json with the version it asks for', async () => {
    const body = requestText('multi-model', 'houses-version-1.json');
    const response = await postJson(served.url, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(expected(body, 1));
  });

  it('rejects a version that is not deployed with 400', async () => {
    const response = await postJson(served.url, JSON.stringify({ houses: [], priceVersion: 3 }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid input at /priceVersion: must be one of: 1, 2',
      errors: [{ path: '/priceVersion', message: 'must be one of: 1, 2' }],
    });
  });

  it('rejects a version that is not an integer with 400', async () => {
    const response = await postJson(served.url, JSON.stringify({ houses: [], priceVersion: 'latest' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid input at /priceVersion: must be an integer',
      errors: [{ path: '/priceVersion', message: 'must be an integer' }],
    });
  });

  it('rejects a house without a feature with 400', async () => {
    const response = await postJson(served.url, JSON.stringify({ houses: [{ area_m2: 70, bedrooms: 2, age_years: 5 }] }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid input at /houses/0/distance_km: is required',
      errors: [{ path: '/houses/0/distance_km', message: 'is required' }],
    });
  });
});

describe('multi-model example: getModelPath follows what is deployed', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'multi-model-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('takes the highest version as the latest when a third one is deployed', async () => {
    const modelDir = join(root, 'with-version-3');
    cpSync(MODEL_DIR, modelDir, { recursive: true });
    mkdirSync(join(modelDir, 'house-price', '3'));
    const version3 = { name: 'house-price', version: 3, kind: 'linear', intercept: 90000, coefficients: { area_m2: 2500, age_years: -1000 } };
    writeFileSync(join(modelDir, 'house-price', '3', 'house-price.json'), JSON.stringify(version3));
    const served = await serveExample('multi-model', 'score.ts', { modelDir });
    try {
      const body = requestText('multi-model', 'houses.json');
      const latest = await postJson(served.url, body);
      expect(await latest.json()).toEqual(expected(body, 3, modelDir));
      const pinned = await postJson(served.url, JSON.stringify({ ...JSON.parse(body), priceVersion: 2 }));
      expect(await pinned.json()).toEqual(expected(body, 2, modelDir));
    } finally {
      await served.close();
    }
  });

  it('fails to start, naming what is deployed, when a model is missing', async () => {
    const modelDir = join(root, 'without-sells-fast');
    cpSync(join(MODEL_DIR, 'house-price'), join(modelDir, 'house-price'), { recursive: true });
    const server = await createServer(join(EXAMPLES_DIR, 'multi-model', 'score.ts'), { modelDir, port: 0, logLevel: 'silent' });
    await expect(server.start()).rejects.toThrow(`getModelPath: no model sells-fast version 1: ${modelDir} holds the models house-price (versions 1, 2)`);
  });
});
