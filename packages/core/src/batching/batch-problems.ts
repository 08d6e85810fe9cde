import type { PlannedParameter } from '../script/run-plan.js';
import type { ScriptKind } from '../script/contract.js';
import type { ScriptProblem } from '../script/script-load-error.js';
import { isDanfoFrame } from '../types/dataframe/danfo-frame.js';
import type { ParameterType } from '../types/parameter-type.js';

function contract(message: string, parameter?: string): ScriptProblem {
  return { code: 'CONTRACT', method: 'run', message, ...(parameter === undefined ? {} : { parameter }) };
}

/**
 * True for a type whose decoded values have rows to stack: an `NdArrayParameterType`, or a
 * `DataFrameParameterType` over an Arrow `Table` or plain columns (read by their fields, which every copy of
 * the package has).
 */
function stacksRows(type: ParameterType): boolean {
  const fields = type as unknown as { dtype?: unknown; shape?: unknown; orient?: unknown };
  if (typeof fields.dtype === 'string' && Array.isArray(fields.shape)) return true;
  return typeof fields.orient === 'string' && !isDanfoFrame(type.sample);
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
