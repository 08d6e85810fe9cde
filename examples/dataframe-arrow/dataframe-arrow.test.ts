import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_DIR, postJson, requestText, serveExample, type ServedExample } from '../support/serve-example.js';

interface Weights {
  intercept: number;
  coefficients: { income: number; debt_ratio: number; years_employed: number; owns_home: number };
  threshold: number;
}

const weights = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'dataframe-arrow', 'model', 'loan-approval.json'), 'utf8')) as Weights;
const request = JSON.parse(requestText('dataframe-arrow', 'applications.json')) as {
  applications: { columns: string[]; index: number[]; data: [string, number, number, number, boolean][] };
};

/** The decision rows the model gives for requests/applications.json, computed from the weights file. */
function expectedRows(): [string, number, boolean][] {
  const { intercept, coefficients: w, threshold } = weights;
  return request.applications.data.map(([applicant, income, debtRatio, years, ownsHome]) => {
    const z = intercept + w.income * income + w.debt_ratio * debtRatio + w.years_employed * years + w.owns_home * Number(ownsHome);
    const probability = Math.round(10_000 / (1 + Math.exp(-z))) / 10_000;
    return [applicant, probability, probability >= threshold];
  });
}

const COLUMNS = ['applicant', 'probability', 'approved'];

function withCell(row: number, column: number, value: unknown): string {
  const body = structuredClone(request);
  (body.applications.data[row] as unknown[])[column] = value;
  return JSON.stringify(body);
}

describe.each([
  { script: 'score.ts', frame: 'an Arrow Table', index: [0, 1, 2, 3] },
  { script: 'score-danfo.ts', frame: 'a danfo DataFrame', index: [101, 102, 103, 104] },
])('dataframe-arrow example: $script ($frame in and out, split orient)', ({ script, index }) => {
  let served: ServedExample;
  beforeAll(async () => {
    served = await serveExample('dataframe-arrow', script);
  });
  afterAll(() => served.close());

  it('scores requests/applications.json', async () => {
    const response = await postJson(served.url, requestText('dataframe-arrow', 'applications.json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const rows = expectedRows();
    expect(rows.map((row) => row[2])).toEqual([true, false, true, false]);
    expect(await response.json()).toEqual({ columns: COLUMNS, index, data: rows });
  });

  it('rejects columns out of the sample\'s order with 400', async () => {
    const body = structuredClone(request);
    body.applications.columns = ['applicant', 'debt_ratio', 'income', 'years_employed', 'owns_home'];
    const response = await postJson(served.url, JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid input at /applications/columns/1: must be "income" (the sample\'s columns, in order) (and 1 more problem)',
      errors: [
        { path: '/applications/columns/1', message: 'must be "income" (the sample\'s columns, in order)' },
        { path: '/applications/columns/2', message: 'must be "debt_ratio" (the sample\'s columns, in order)' },
      ],
    });
  });

  it('scores zero rows into an empty frame', async () => {
    const response = await postJson(served.url, JSON.stringify({ applications: { columns: request.applications.columns, index: [], data: [] } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ columns: COLUMNS, index: [], data: [] });
  });

  it('rejects a cell of the wrong type with 400 and its path', async () => {
    const response = await postJson(served.url, withCell(1, 3, 'one'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid input at /applications/data/1/3: must be an integer',
      errors: [{ path: '/applications/data/1/3', message: 'must be an integer' }],
    });
  });

  it('rejects a missing frame with 400', async () => {
    const response = await postJson(served.url, '{}');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid input at /applications: is required',
      errors: [{ path: '/applications', message: 'is required' }],
    });
  });

  it('rejects an unknown column with 400', async () => {
    const body = structuredClone(request);
    body.applications.columns[1] = 'salary';
    const response = await postJson(served.url, JSON.stringify(body));
    expect(response.status).toBe(400);
    const message = 'must be one of ["applicant","income","debt_ratio","years_employed","owns_home"]';
    expect(await response.json()).toEqual({
      message: `Invalid input at /applications/columns/1: ${message}`,
      errors: [{ path: '/applications/columns/1', message }],
    });
  });

  it('documents the frames in the split orient', async () => {
    const response = await fetch(`${served.url}/swagger.json?version=3`);
    const document = (await response.json()) as { components: { schemas: Record<string, { properties: Record<string, { format?: string }> }> } };
    expect(document.components.schemas.ServiceInput!.properties.applications!.format).toBe('pandas.DataFrame:split');
    expect(document.components.schemas.ServiceOutput!).toMatchObject({ format: 'pandas.DataFrame:split' });
  });
});
