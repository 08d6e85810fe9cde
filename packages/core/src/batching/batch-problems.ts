import type { PlannedParameter } from '../script/run-plan.js';
import type { ScriptKind } from '../script/contract.js';
import type { ScriptProblem } from '../script/script-load-error.js';
import { isDanfoFrame } from '../types/dataframe/danfo-frame.js';
import { isDataFrameType, isNdArrayType } from '../types/kind.js';
import type { ParameterType } from '../types/parameter-type.js';

function contract(message: string, parameter?: string): ScriptProblem {
  return { code: 'CONTRACT', method: 'run', message, ...(parameter === undefined ? {} : { parameter }) };
}

/**
 * True for a type whose decoded values have rows to stack: an ndarray type, or a DataFrame type over an Arrow
 * `Table` or plain columns (by their kind tags, which every copy of the package writes).
 */
function stacksRows(type: ParameterType): boolean {
  return isNdArrayType(type) || (isDataFrameType(type) && !isDanfoFrame(type.sample));
}

/**
 * How a `run` declared with `@batch` breaks what batching needs: a `schema` run whose every parameter is an
 * ndarray or DataFrame input (converted), so that each request's arguments can be stacked by rows.
 */
export function batchProblems(kind: ScriptKind, parameters: readonly PlannedParameter[], declarations: number): ScriptProblem[] {
  if (declarations === 0) return [];
  if (declarations > 1) return [contract(`run has ${declarations} @batch declarations; it may have one`)];
  if (kind === 'raw') return [contract('@batch cannot batch a @rawHttp run: a batch stacks the rows of ndarray and DataFrame inputs')];
  const problems: ScriptProblem[] = [];
  for (const parameter of parameters) {
    if (parameter.headers) {
      problems.push(contract(`@batch: run cannot take '${parameter.name}': the requests of a batch have different headers`, parameter.name));
      continue;
    }
    const declaration = parameter.declaration;
    if (!declaration || !declaration.convert || !stacksRows(declaration.type)) {
      problems.push(
        contract(
          `@batch: parameter '${parameter.name}' must be an ndarray or DataFrame input (NdArrayParameterType, or DataFrameParameterType over an Arrow Table or plain columns), converted: a batch stacks the rows of every input`,
          parameter.name,
        ),
      );
    }
  }
  return problems;
}
