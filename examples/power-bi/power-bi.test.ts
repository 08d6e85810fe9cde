import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServiceDocument } from '@inferschema/openapi';
import { EXAMPLES_DIR, postJson, requestText, serveExample, type ServedExample } from '../support/serve-example.js';

interface Customer {
  age: number;
  income: number;
  tenure_months: number;
  plan: string;
}
interface Body {
  Inputs: { customers: Customer[]; usage: number[][]; threshold: number };
  GlobalParameters?: { method: string };
}

const churn = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'power-bi', 'model', 'churn.json'), 'utf8')) as {
  intercept: number;
  coefficients: Record<'age' | 'income' | 'tenure_months' | 'premium' | 'usage_mean' | 'usage_trend', number>;
};
const request = JSON.parse(requestText('power-bi', 'customers.json')) as Body;

/** The churn probabilities of a body's customers, computed from the weights file. */
function probabilities(body: Body): number[] {
  const w = churn.coefficients;
  return body.Inputs.customers.map((customer, row) => {
    const [first, second, third] = body.Inputs.usage[row] as [number, number, number];
    const z =
      churn.intercept +
      w.age * customer.age +
      w.income * customer.income +
      w.tenure_months * customer.tenure_months +
      w.premium * (customer.plan === 'premium' ? 1 : 0) +
      w.usage_mean * ((first + second + third) / 3) +
      w.usage_trend * (third - first);
    return Math.round(10_000 / (1 + Math.exp(-z))) / 10_000;
  });
}

function variant(change: (body: Body) => void): string {
  const body = structuredClone(request);
  change(body);
  return JSON.stringify(body);
}

let served: ServedExample;
beforeAll(async () => {
  served = await serveExample('power-bi');
});
afterAll(() => served.close());

describe('power-bi example: run(Inputs, GlobalParameters) returning { Results }', () => {
  it('labels requests/customers.json with the threshold in Inputs', async () => {
    const response = await postJson(served.url, requestText('power-bi', 'customers.json'));
    expect(response.status).toBe(200);
    const expected = probabilities(request).map((p) => (p >= request.Inputs.threshold ? 1 : 0));
    expect(expected).toEqual([1, 0, 1, 0]);
    expect(await response.json()).toEqual({ Results: expected });
  });

  it('returns probabilities for GlobalParameters.method predict_proba', async () => {
    const response = await postJson(served.url, variant((body) => (body.GlobalParameters = { method: 'predict_proba' })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ Results: probabilities(request) });
  });

  it('applies the threshold sent in Inputs', async () => {
    const response = await postJson(served.url, variant((body) => (body.Inputs.threshold = 0.65)));
    expect(await response.json()).toEqual({ Results: probabilities(request).map((p) => (p >= 0.65 ? 1 : 0)) });
    expect(probabilities(request).filter((p) => p >= 0.65)).toHaveLength(1);
  });

  it('predicts labels when GlobalParameters is left out', async () => {
    const response = await postJson(served.url, variant((body) => delete body.GlobalParameters));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ Results: [1, 0, 1, 0] });
  });

  const rejections: [string, (body: Body) => void, { path: string; message: string }][] = [
    ['no Inputs', (body) => delete (body as Partial<Body>).Inputs, { path: '/Inputs', message: 'is required' }],
    ['a customer whose plan is not a string', (body) => ((body.Inputs.customers[2] as { plan: unknown }).plan = 2), { path: '/Inputs/customers/2/plan', message: 'must be a string' }],
    ['a usage row of two months', (body) => body.Inputs.usage[1]!.pop(), { path: '/Inputs/usage/1', message: 'must have exactly 3 items' }],
    ['fewer usage rows than customers', (body) => body.Inputs.usage.pop(), { path: '/Inputs/usage', message: 'must have one row per customer (4 customers, 3 rows)' }],
    ['a threshold that is not a number', (body) => ((body.Inputs as { threshold: unknown }).threshold = 'high'), { path: '/Inputs/threshold', message: 'must be a number' }],
    ['an unknown method', (body) => (body.GlobalParameters = { method: 'score' }), { path: '/GlobalParameters/method', message: 'must be one of: predict, predict_proba' }],
  ];
  it.each(rejections)('rejects %s with 400', async (_case, change, error) => {
    const response = await postJson(served.url, variant(change));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: `Invalid input at ${error.path}: ${error.message}`, errors: [error] });
  });
});

describe('power-bi example: the document Power BI consumes', () => {
  type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[]; format?: string; example?: unknown };

  it('has Inputs (a DataFrame, an ndarray and a number) and GlobalParameters in ServiceInput, Results in ServiceOutput', () => {
    const { script } = served.server;
    const document = buildServiceDocument({ input: script.inputSchema, output: script.outputSchema, supportedVersions: script.supportedVersions }, { version: '2.0' });
    const definitions = document.definitions as Record<string, Schema>;
    const input = definitions.ServiceInput!;
    expect(Object.keys(input.properties!)).toEqual(['Inputs', 'GlobalParameters']);
    const nested = input.properties!.Inputs!;
    expect(nested.type).toBe('object');
    expect(nested.required).toEqual(['customers', 'usage', 'threshold']);
    expect(nested.properties!.customers!.format).toBe('pandas.DataFrame:records');
    expect(nested.properties!.usage!.format).toBe('numpy.ndarray');
    expect(nested.properties!.threshold).toEqual({ type: 'number', format: 'double' });
    expect(input.properties!.GlobalParameters!.properties).toEqual({ method: { type: 'string' } });
    expect(input.example).toEqual({
      Inputs: {
        customers: [
          { age: 34, income: 42.5, tenure_months: 5, plan: 'basic' },
          { age: 61, income: 88, tenure_months: 48, plan: 'premium' },
        ],
        usage: [[12.5, 9, 4.5], [30, 31.5, 33]],
        threshold: 0.5,
      },
      GlobalParameters: { method: 'predict' },
    });
    expect(definitions.ServiceOutput).toEqual({
      type: 'object',
      required: ['Results'],
      properties: { Results: { type: 'array', items: { type: 'number', format: 'double' } } },
      additionalProperties: false,
      example: { Results: [1, 0] },
    });
  });

  it('is the document the server serves at /swagger.json', async () => {
    const response = await fetch(`${served.url}/swagger.json`);
    expect(response.status).toBe(200);
    const { script } = served.server;
    const built = buildServiceDocument({ input: script.inputSchema, output: script.outputSchema, supportedVersions: script.supportedVersions }, { version: '2.0' });
    expect(((await response.json()) as { definitions: unknown }).definitions).toEqual(built.definitions);
  });
});
