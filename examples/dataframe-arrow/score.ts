/**
 * Loan approval over an Arrow `Table`: the request's `applications` frame (pandas' `split` orient) arrives as
 * an apache-arrow `Table` with the sample's column types, and `run` returns a `Table` of decisions, written
 * back in the `split` orient. Written without a class: `withSchemas` declares the schemas of a plain `run`.
 */
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { modelInit, withSchemas } from '@inferschema/core';
import { Bool, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { loadLoanModel, repaymentProbability, type LoanModel } from './loan-model.js';

const applications = new DataFrameParameterType(
  new Table({
    applicant: vectorFromArray(['A-1001', 'A-1002'], new Utf8()),
    income: vectorFromArray(Float64Array.of(52.5, 31)),
    debt_ratio: vectorFromArray(Float64Array.of(0.21, 0.48)),
    years_employed: vectorFromArray(Int32Array.of(6, 1)),
    owns_home: vectorFromArray([true, false], new Bool()),
  }),
  { orient: 'split' },
);

const decisions = new DataFrameParameterType(
  new Table({
    applicant: vectorFromArray(['A-1001', 'A-1002'], new Utf8()),
    probability: vectorFromArray(Float64Array.of(0.8609, 0.1715)),
    approved: vectorFromArray([true, false], new Bool()),
  }),
  { orient: 'split' },
);

let model: LoanModel;

export const init = modelInit((modelDir: string) => {
  model = loadLoanModel(modelDir);
});

export const run = withSchemas({ inputs: [['applications', applications]], output: decisions }, (applications) => {
  const probabilities = new Float64Array(applications.numRows);
  const approved: boolean[] = [];
  // Each row of an Arrow table reads like an object of its columns' values.
  for (const [index, row] of [...applications].entries()) {
    probabilities[index] = repaymentProbability(model, {
      income: row.income,
      debt_ratio: row.debt_ratio,
      years_employed: row.years_employed,
      owns_home: row.owns_home,
    });
    approved.push(probabilities[index]! >= model.threshold);
  }
  return new Table({
    applicant: applications.getChild('applicant')!,
    probability: vectorFromArray(probabilities),
    approved: vectorFromArray(approved, new Bool()),
  });
});
