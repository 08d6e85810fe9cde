import { batchProblems } from '../batching/batch-problems.js';
import type { BatchSettings } from '../batching/settings.js';
import { batchesOf, hasFlag, inputsOf, outputsOf, RAW_HTTP, type InputDeclaration, type OutputDeclaration } from '../decorators/metadata.js';
import type { ScriptKind, ScriptParameter } from './contract.js';
import { parametersOf, restoreRenamedParameters } from './function-parameters.js';
import { GLOBAL_PARAMETERS, globalParametersProblem } from './power-bi.js';
import type { ScriptProblem } from './script-load-error.js';

/** The parameter names that receive the request headers instead of a body value. */
export const HEADER_PARAMETERS: ReadonlySet<string> = new Set(['requestHeaders', 'request_headers']);

/** One parameter of `run`, with what fills it. */
export interface PlannedParameter extends ScriptParameter {
  readonly declaration: InputDeclaration | undefined;
  readonly hasDefault: boolean;
  /** Receives the request headers (a parameter named `requestHeaders` or `request_headers`). */
  readonly headers: boolean;
}

/** How `run` is called, read once from its parameter list and its decorators. */
export interface RunPlan {
  readonly kind: ScriptKind;
  /** In parameter order. */
  readonly parameters: readonly PlannedParameter[];
  /** Declarations that match no parameter (each also listed in `problems`). */
  readonly unplaced: readonly InputDeclaration[];
  readonly output: OutputDeclaration | undefined;
  /** How concurrent requests are batched, as `@batch` declared it; undefined for one run per request. */
  readonly batch: BatchSettings | undefined;
  /** Contract violations, in the order found; empty for a valid `run`. */
  readonly problems: readonly ScriptProblem[];
}

interface Slot {
  name: string | undefined;
  readonly hasDefault: boolean;
  readonly rest: boolean;
  declaration: InputDeclaration | undefined;
}

function signature(slots: readonly Slot[]): string {
  return `run(${slots.map((slot, index) => `${slot.rest ? '...' : ''}${slot.name ?? `<parameter ${index}>`}`).join(', ')})`;
}

function contract(message: string, parameter?: string): ScriptProblem {
  return { code: 'CONTRACT', method: 'run', message, ...(parameter === undefined ? {} : { parameter }) };
}

/** The parameter a declared name fills: the one of that name, else the one esbuild renamed from it (`data2`). */
function positionOf(slots: readonly Slot[], name: string): number {
  const exact = slots.findIndex((slot) => slot.name === name);
  if (exact !== -1) return exact;
  const renamed = slots.flatMap((slot, index) => (slot.name?.startsWith(name) && /^\d+$/.test(slot.name.slice(name.length)) ? [index] : []));
  return renamed.length === 1 ? renamed[0]! : -1;
}

/** Places each declaration on its parameter: by `position` when given, else by name. */
function placeDeclarations(slots: Slot[], inputs: readonly InputDeclaration[], problems: ScriptProblem[]): InputDeclaration[] {
  const unplaced: InputDeclaration[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const label = input.listed === undefined ? `@inputSchema('${input.name}')` : `withSchemas input '${input.name}'`;
    if (seen.has(input.name)) problems.push(contract(`${label} is declared twice`, input.name));
    seen.add(input.name);
    const position = input.position ?? positionOf(slots, input.name);
    const slot = slots[position];
    if (!slot) {
      const where = input.position === undefined ? 'names no parameter of' : `has position ${position}, beyond the parameters of`;
      problems.push(contract(`${label} ${where} ${signature(slots)}`, input.name));
      unplaced.push(input);
      continue;
    }
    if (slot.declaration) {
      problems.push(contract(`${label} and '${slot.declaration.name}' both declare parameter ${position} of ${signature(slots)}`, input.name));
      unplaced.push(input);
      continue;
    }
    if (input.listed !== undefined && input.listed !== position) {
      problems.push(
        contract(`${label} is listed at index ${input.listed} but is parameter ${position} of ${signature(slots)}: list the inputs in run's parameter order`, input.name),
      );
    }
    slot.declaration = input;
  }
  return unplaced;
}

function checkParameters(kind: ScriptKind, parameters: readonly PlannedParameter[], slots: readonly Slot[], problems: ScriptProblem[]): void {
  if (parameters.length > 0 && parameters.every((parameter) => parameter.headers)) {
    problems.push(contract(`${signature(slots)} needs a parameter other than '${parameters[0]!.name}' for the input data`, parameters[0]!.name));
  }
  if (kind !== 'schema') return;
  for (const parameter of parameters) {
    const problem = parameter.declaration?.name === GLOBAL_PARAMETERS ? globalParametersProblem(parameter.declaration) : undefined;
    if (problem) problems.push(problem);
    if (parameter.name === '' && !parameter.hasDefault) {
      problems.push(
        contract(
          `parameter ${parameter.position} of ${signature(slots)} is a destructuring pattern, so no body key can fill it: declare it with @inputSchema(name, type, { position: ${parameter.position} }) or give it a default value`,
          `<parameter ${parameter.position}>`,
        ),
      );
    }
  }
}

/**
 * Reads how `run` is to be called: its kind (`raw` with `@rawHttp`, `schema` with any schema, `text`
 * otherwise), its parameters with what fills each, and every way it breaks the entry-script contract.
 * `originalSource` (the script's own text) lets it undo esbuild's renaming of shadowing parameters.
 */
export function planRun(run: Function, originalSource?: string): RunPlan {
  const problems: ScriptProblem[] = [];
  const compiled = parametersOf(run);
  const source = originalSource === undefined ? compiled : restoreRenamedParameters(compiled, originalSource);
  const slots: Slot[] = source.map(({ name, hasDefault, rest }) => ({ name, hasDefault, rest, declaration: undefined }));
  const inputs = inputsOf(run);
  const outputs = outputsOf(run);
  const raw = hasFlag(run, RAW_HTTP);

  if (source.length === 0) problems.push(contract('run() needs a parameter for the input data'));
  for (const parameter of source.filter((candidate) => candidate.rest)) {
    problems.push(contract(`${signature(slots)} cannot take a rest parameter: name each parameter`, parameter.name));
  }
  if (raw && inputs.length > 0) {
    problems.push(contract(`run cannot have both @rawHttp and @inputSchema ('${inputs.map((input) => input.name).join("', '")}')`, inputs[0]!.name));
  }
  if (outputs.length > 1) problems.push(contract(`run has ${outputs.length} @outputSchema declarations; it may have one`));
  const unplaced = placeDeclarations(slots, inputs, problems);

  const kind: ScriptKind = raw ? 'raw' : inputs.length > 0 || outputs.length > 0 ? 'schema' : 'text';
  const parameters = slots.map((slot, position): PlannedParameter => {
    const name = slot.declaration?.name ?? slot.name ?? '';
    const headers = !slot.declaration && HEADER_PARAMETERS.has(name);
    return Object.freeze({
      name,
      position,
      type: slot.declaration?.type,
      optional: headers || slot.hasDefault || slot.declaration?.optional === true,
      declaration: slot.declaration,
      hasDefault: slot.hasDefault,
      headers,
    });
  });
  checkParameters(kind, parameters, slots, problems);
  const batches = batchesOf(run);
  problems.push(...batchProblems(kind, parameters, batches.length));
  return { kind, parameters, unplaced, output: outputs[0], batch: batches[0], problems };
}
