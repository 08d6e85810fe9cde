/**
 * Trains the example model and writes `model/weights.json`: scikit-learn's `Ridge(alpha=1.0)` (with
 * `fit_intercept=True`, solver `cholesky`) on a synthetic data set of 200 rows and 10 features, generated from a
 * fixed seed so the file is reproducible.
 *
 * Ridge with an intercept centres X and y, solves (XcᵀXc + αI) w = Xcᵀyc, and sets intercept = ȳ − x̄·w; that is
 * what this script does, in plain TypeScript (no Python needed).
 *
 * Usage: node --import tsx examples/regression/train.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROWS = 200;
const FEATURES = 10;
const ALPHA = 1.0;
const SEED = 20240131;
/** The coefficients the synthetic targets are generated from (the fit should land near them). */
const TRUE_COEF = [38.5, -12.25, 61.0, 7.75, -3.5, 44.0, 0.0, 19.5, -27.0, 90.0];
const TRUE_INTERCEPT = 152.0;
const NOISE = 5.0;

/** mulberry32: a small seeded generator, so the data set is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Solves A x = b for a symmetric positive-definite A by Cholesky decomposition. */
function solveCholesky(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k += 1) sum -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(sum) : sum / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i += 1) {
    let sum = b[i]!;
    for (let k = 0; k < i; k += 1) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k += 1) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}

const next = random(SEED);
const X = Array.from({ length: ROWS }, () => Array.from({ length: FEATURES }, () => gaussian(next) * 3 + 5));
const y = X.map((row) => TRUE_INTERCEPT + row.reduce((sum, value, j) => sum + value * TRUE_COEF[j]!, 0) + gaussian(next) * NOISE);

const xMean = Array.from({ length: FEATURES }, (_, j) => X.reduce((sum, row) => sum + row[j]!, 0) / ROWS);
const yMean = y.reduce((sum, value) => sum + value, 0) / ROWS;
const Xc = X.map((row) => row.map((value, j) => value - xMean[j]!));
const yc = y.map((value) => value - yMean);
const gram = Array.from({ length: FEATURES }, (_, i) =>
  Array.from({ length: FEATURES }, (_, j) => Xc.reduce((sum, row) => sum + row[i]! * row[j]!, 0) + (i === j ? ALPHA : 0)),
);
const xty = Array.from({ length: FEATURES }, (_, j) => Xc.reduce((sum, row, r) => sum + row[j]! * yc[r]!, 0));
const coef = solveCholesky(gram, xty);
const intercept = yMean - xMean.reduce((sum, mean, j) => sum + mean * coef[j]!, 0);

const predictions = X.map((row) => intercept + row.reduce((sum, value, j) => sum + value * coef[j]!, 0));
const residual = y.reduce((sum, value, r) => sum + (value - predictions[r]!) ** 2, 0);
const total = y.reduce((sum, value) => sum + (value - yMean) ** 2, 0);

const model = {
  model: 'sklearn.linear_model.Ridge',
  params: { alpha: ALPHA, fit_intercept: true, solver: 'cholesky' },
  coef,
  intercept,
  nFeatures: FEATURES,
  training: { rows: ROWS, seed: SEED, r2: 1 - residual / total },
};
const out = join(dirname(fileURLToPath(import.meta.url)), 'model', 'weights.json');
writeFileSync(out, `${JSON.stringify(model, null, 2)}\n`);
console.log(`wrote ${out}: r2 = ${model.training.r2.toFixed(6)}`);
