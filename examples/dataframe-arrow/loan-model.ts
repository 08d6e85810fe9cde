import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The features of one loan application, as the frames' columns name them. */
export interface Application {
  /** Yearly income in thousands. */
  readonly income: number;
  /** Monthly debt payments over monthly income. */
  readonly debt_ratio: number;
  readonly years_employed: number;
  readonly owns_home: boolean;
}

/** A logistic regression over the application's features, read from `model/loan-approval.json`. */
export interface LoanModel {
  readonly intercept: number;
  readonly coefficients: { readonly [F in keyof Application]: number };
  /** An application is approved when its probability is at least this. */
  readonly threshold: number;
}

export function loadLoanModel(modelDir: string): LoanModel {
  return JSON.parse(readFileSync(join(modelDir, 'loan-approval.json'), 'utf8')) as LoanModel;
}

/** The probability that the applicant repays, rounded to four decimals. */
export function repaymentProbability(model: LoanModel, application: Application): number {
  const { coefficients: w } = model;
  const z =
    model.intercept +
    w.income * application.income +
    w.debt_ratio * application.debt_ratio +
    w.years_employed * application.years_employed +
    w.owns_home * (application.owns_home ? 1 : 0);
  return Math.round(10_000 / (1 + Math.exp(-z))) / 10_000;
}
