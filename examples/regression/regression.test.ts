import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveExample, EXAMPLES_DIR, type ServedExample } from '../support/serve-example.js';

const dir = join(EXAMPLES_DIR, 'regression');
const weights = JSON.parse(readFileSync(join(dir, 'model', 'weights.json'), 'utf8')) as { coef: number[]; intercept: number };
const predict = (row: number[]) => row.reduce((sum, value, index) => sum + value * weights.coef[index]!, weights.intercept);

describe('examples/regression', () => {
  let served: ServedExample;
  beforeAll(async () => {
    served = await serveExample('regression');
  });
  afterAll(() => served.close());

  it('predicts every row of the sample request with the fitted Ridge weights', async () => {
    const body = readFileSync(join(dir, 'requests', 'sample.json'), 'utf8');
    const response = await fetch(`${served.url}/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    const rows = (JSON.parse(body) as { data: number[][] }).data;
    const predictions = (await response.json()) as number[];
    expect(predictions).toHaveLength(2);
    predictions.forEach((value, index) => expect(value).toBeCloseTo(predict(rows[index]!), 9));
  });

  it('answers 400 with the path when a row does not have 10 features', async () => {
    const response = await fetch(`${served.url}/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data": [[1, 2, 3]]}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid input at /data/0: must have exactly 10 items',
      errors: [{ path: '/data/0', message: 'must have exactly 10 items' }],
    });
  });

  it('documents data as a numpy.ndarray of doubles in every version', async () => {
    for (const version of ['2', '3', '3.1']) {
      const response = await fetch(`${served.url}/swagger.json?version=${version}`);
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).toContain('numpy.ndarray');
    }
  });
});
