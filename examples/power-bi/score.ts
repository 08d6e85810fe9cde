/**
 * A Power BI compatible entry script: `run(Inputs, GlobalParameters)` returning `{ Results }`, the shape Power
 * BI's Azure ML integration consumes. `Inputs` nests a DataFrame (the customers), an ndarray (their data
 * usage over the last three months) and a standard value (the decision threshold); `GlobalParameters` says
 * whether to return labels (`predict`) or probabilities (`predict_proba`), as AutoML scripts do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import {
  InputValidationError,
  inputSchema,
  integer,
  modelInit,
  NdArrayParameterType,
  outputSchema,
  StandardParameterType,
  type DecodedValue,
} from '@inferschema/core';
import ndarray from 'ndarray';

/** A logistic regression over a customer's features: the probability that they cancel (churn). */
interface ChurnModel {
  readonly intercept: number;
  readonly coefficients: Readonly<Record<'age' | 'income' | 'tenure_months' | 'premium' | 'usage_mean' | 'usage_trend', number>>;
}

const METHODS = ['predict', 'predict_proba'];

const inputs = new StandardParameterType({
  customers: new DataFrameParameterType({
    age: Int32Array.of(34, 61),
    income: [42.5, 88],
    tenure_months: Int32Array.of(5, 48),
    plan: ['basic', 'premium'],
  }),
  usage: new NdArrayParameterType(ndarray(new Float64Array([12.5, 9, 4.5, 30, 31.5, 33]), [2, 3])),
  threshold: 0.5,
});

const globalParameters = new StandardParameterType({ method: 'predict' });

const results = new StandardParameterType({ Results: [1.0, 0.0] });

export default class ChurnService {
  #model: ChurnModel | undefined;

  @modelInit
  init(modelDir: string): void {
    this.#model = JSON.parse(readFileSync(join(modelDir, 'churn.json'), 'utf8')) as ChurnModel;
  }

  @inputSchema('Inputs', inputs)
  @inputSchema('GlobalParameters', globalParameters)
  @outputSchema(results)
  run(Inputs: DecodedValue<typeof inputs>, GlobalParameters: DecodedValue<typeof globalParameters> = { method: 'predict' }): { Results: number[] } {
    const { customers, usage, threshold } = Inputs;
    const rows = customers.age.length;
    const issues = [];
    if (usage.shape[0] !== rows) {
      issues.push({ path: '/Inputs/usage', message: `must have one row per customer (${rows} customers, ${usage.shape[0]} rows)` });
    }
    if (!METHODS.includes(GlobalParameters.method)) {
      issues.push({ path: '/GlobalParameters/method', message: `must be one of: ${METHODS.join(', ')}` });
    }
    if (issues.length > 0) throw new InputValidationError(issues);
    const probabilities = Array.from({ length: rows }, (_, row) => this.#churnProbability({
      age: customers.age[row]!,
      income: customers.income[row]!,
      tenure_months: customers.tenure_months[row]!,
      premium: customers.plan[row] === 'premium' ? 1 : 0,
      usage_mean: (usage.get(row, 0) + usage.get(row, 1) + usage.get(row, 2)) / 3,
      usage_trend: usage.get(row, 2) - usage.get(row, 0),
    }));
    if (GlobalParameters.method === 'predict_proba') return { Results: probabilities };
    return { Results: probabilities.map((probability) => (probability >= threshold ? 1 : 0)) };
  }

  /** The probability that the customer churns, rounded to four decimals. */
  #churnProbability(features: Readonly<Record<keyof ChurnModel['coefficients'], number>>): number {
    const { intercept, coefficients } = this.#model!;
    let z = intercept;
    for (const [name, weight] of Object.entries(coefficients)) z += weight * features[name as keyof ChurnModel['coefficients']];
    return Math.round(10_000 / (1 + Math.exp(-z))) / 10_000;
  }
}
