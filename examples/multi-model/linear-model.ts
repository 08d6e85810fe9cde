import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A linear or logistic regression over named features, as stored in `model/NAME/VERSION/NAME.json`. */
export interface LinearModel {
  readonly name: string;
  readonly version: number;
  /** `linear`: the score is the prediction; `logistic`: the prediction is the score's sigmoid, a probability. */
  readonly kind: 'linear' | 'logistic';
  readonly intercept: number;
  readonly coefficients: Readonly<Record<string, number>>;
}

export function readModel(file: string): LinearModel {
  return JSON.parse(readFileSync(file, 'utf8')) as LinearModel;
}

/** The model's prediction for one row of features (a linear prediction to cents, a probability to 4 decimals). */
export function predict(model: LinearModel, row: Readonly<Record<string, number>>): number {
  let score = model.intercept;
  for (const [feature, weight] of Object.entries(model.coefficients)) score += weight * row[feature]!;
  if (model.kind === 'linear') return Math.round(score * 100) / 100;
  return Math.round(10_000 / (1 + Math.exp(-score))) / 10_000;
}

/**
 * The latest version of a model in its own directory, laid out `VERSION/NAME.json` (the highest version,
 * compared as numbers): how each model of the Open Inference Protocol server finds its weights.
 */
export function readLatestModel(modelDir: string, name: string): LinearModel {
  const versions = readdirSync(modelDir).filter((entry) => /^\d+$/.test(entry)).map(Number);
  if (versions.length === 0) throw new Error(`${modelDir} holds no version folder of ${name}`);
  return readModel(join(modelDir, String(Math.max(...versions)), `${name}.json`));
}
