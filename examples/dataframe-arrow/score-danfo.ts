/**
 * The loan approval model of `score.ts`, over danfojs `DataFrame`s: the `applications` frame (pandas' `split`
 * orient) arrives as a danfo `DataFrame` with the request's row labels, and the decisions keep those labels.
 * Written as a class with TC39 decorators.
 */
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { inputSchema, modelInit, outputSchema, type DecodedValue } from '@inferschema/core';
import dfd from 'danfojs';
import { loadLoanModel, repaymentProbability, type Application, type LoanModel } from './loan-model.js';

const applications = new DataFrameParameterType(
  new dfd.DataFrame({
    applicant: ['A-1001', 'A-1002'],
    income: [52.5, 31.5],
    debt_ratio: [0.21, 0.48],
    years_employed: [6, 1],
    owns_home: [true, false],
  }),
  { orient: 'split' },
);

const decisions = new DataFrameParameterType(
  new dfd.DataFrame({ applicant: ['A-1001', 'A-1002'], probability: [0.8609, 0.1715], approved: [true, false] }),
  { orient: 'split' },
);

type Frame = DecodedValue<typeof applications>;

const DECISION_COLUMNS = ['applicant', 'probability', 'approved'];
const DECISION_DTYPES = ['string', 'float32', 'boolean'];

export default class LoanApproval {
  #model: LoanModel | undefined;

  @modelInit
  init(modelDir: string): void {
    this.#model = loadLoanModel(modelDir);
  }

  @inputSchema('applications', applications)
  @outputSchema(decisions)
  run(applications: Frame): Frame {
    const model = this.#model!;
    const records = dfd.toJSON(applications) as (Application & { applicant: string })[];
    const rows = records.map((record) => {
      const probability = repaymentProbability(model, record);
      return [record.applicant, probability, probability >= model.threshold];
    });
    // Rows with explicit dtypes, so that zero rows still make a frame with typed columns.
    return new dfd.DataFrame(rows, { columns: DECISION_COLUMNS, dtypes: DECISION_DTYPES, index: applications.index });
  }
}
