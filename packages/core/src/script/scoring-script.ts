import { appendPointer } from '../json/json-pointer.js';
import type { JsonSchema, OpenApiVersion } from '../schema/json-schema.js';
import { hasExactIntegers } from '../schema/supported-versions.js';
import { InputValidationError, type ValidationIssue } from '../validation/input-validation-error.js';
import { compileValidator, type Validator } from '../validation/validator.js';
import { Batcher } from '../batching/batcher.js';
import { checkBatchOptions, type BatchSettings } from '../batching/settings.js';
import type { ParameterType } from '../types/parameter-type.js';
import type { BatchingOverride, InvokeContext, LoadedScript, ScoringRequest, ScriptKind, ScriptParameter } from './contract.js';
import { OutputValidationError } from './output-validation-error.js';
import { outputValidationFromEnv } from './output-validation.js';
import type { PlannedParameter, RunPlan } from './run-plan.js';
import { inputSchemaOfPlan, outputSchemaOfPlan, supportedVersionsOfPlan } from './run-schemas.js';
import { ScoringResponse } from './scoring-response.js';
import type { ScriptShape } from './script-shape.js';

/** Options of a loaded script's behaviour. */
export interface ScoringScriptOptions {
  /**
   * Check every encoded result against the output schema; a mismatch is the script's error
   * (`OutputValidationError`). Default on, unless `INFERSCHEMA_VALIDATE_OUTPUT=false`: `serve` and `run` follow
   * the same rule.
   */
  readonly validateOutput?: boolean;
}

const decoder = new TextDecoder();
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes one declared parameter: validated and converted, or only validated when `convert` is false. */
type Decoder = (json: unknown) => unknown;

function decoderOf(parameter: PlannedParameter): Decoder | undefined {
  const declaration = parameter.declaration;
  if (!declaration) return undefined;
  if (declaration.convert) return (json) => declaration.type.decode(json);
  const validate = compileValidator(declaration.type.toJsonSchema());
  return (json) => {
    const error = validate(json);
    if (error) throw error;
    return json;
  };
}

/** An entry script whose contract was checked: decode → run → encode. */
export class ScoringScript implements LoadedScript {
  readonly path: string;
  readonly kind: ScriptKind;
  readonly parameters: readonly ScriptParameter[];
  readonly supportedVersions: readonly OpenApiVersion[];
  readonly exactIntegers: boolean;
  readonly initTakesModelDir: boolean;
  readonly #shape: ScriptShape;
  readonly #plan: RunPlan;
  readonly #decoders: ReadonlyMap<PlannedParameter, Decoder>;
  readonly #dataPosition: number;
  readonly #validateOutput: Validator | undefined;
  #batcher: Batcher | undefined;

  constructor(path: string, shape: ScriptShape, plan: RunPlan, options: ScoringScriptOptions = {}) {
    this.path = path;
    this.kind = plan.kind;
    this.#shape = shape;
    this.initTakesModelDir = shape.initTakesModelDir;
    this.#plan = plan;
    this.parameters = Object.freeze(
      plan.parameters.map(({ name, position, type, optional }) => Object.freeze({ name, position, type, optional })),
    );
    this.supportedVersions = Object.freeze(supportedVersionsOfPlan(plan));
    const input = inputSchemaOfPlan(plan);
    this.exactIntegers = input !== undefined && hasExactIntegers(input);
    this.#decoders = new Map(plan.parameters.flatMap((parameter) => {
      const decode = decoderOf(parameter);
      return decode ? [[parameter, decode] as const] : [];
    }));
    this.#dataPosition = plan.parameters.find((parameter) => !parameter.headers)?.position ?? 0;
    const output = outputSchemaOfPlan(plan);
    const validateOutput = options.validateOutput ?? outputValidationFromEnv(process.env);
    this.#validateOutput = validateOutput && output ? compileValidator(output) : undefined;
    if (plan.batch) this.#batcher = this.#createBatcher(plan.batch);
  }

  get batching(): BatchSettings | undefined {
    return this.#batcher?.options;
  }

  configureBatching(override: BatchingOverride): BatchSettings | undefined {
    const declared = this.#plan.batch;
    if (!declared) return undefined;
    if (override.enabled === false) {
      this.#batcher = undefined;
      return undefined;
    }
    const options = checkBatchOptions('batching override', {
      maxBatchSize: override.maxBatchSize ?? declared.maxBatchSize,
      maxLatencyMs: override.maxLatencyMs ?? declared.maxLatencyMs,
      maxConcurrentBatches: override.maxConcurrentBatches ?? declared.maxConcurrentBatches,
    });
    this.#batcher = this.#createBatcher(options, override.observe);
    return options;
  }

  #createBatcher(options: BatchSettings, observe?: BatchingOverride['observe']): Batcher {
    const { run, target } = this.#shape;
    return new Batcher(this.path, (args) => Promise.resolve(run.apply(target, args)), options, observe);
  }

  get inputSchema(): JsonSchema | undefined {
    return inputSchemaOfPlan(this.#plan);
  }

  get outputSchema(): JsonSchema | undefined {
    return outputSchemaOfPlan(this.#plan);
  }

  get outputType(): ParameterType | undefined {
    return this.#plan.output?.type;
  }

  async init(modelDir: string): Promise<void> {
    process.env.AZUREML_MODEL_DIR = modelDir;
    const { init, target, initTakesModelDir } = this.#shape;
    await (initTakesModelDir ? init.call(target, modelDir) : init.call(target));
  }

  async invoke(body: unknown, context: InvokeContext = {}): Promise<unknown> {
    if (this.kind === 'raw') throw new TypeError(`Entry script ${this.path}: run is @rawHttp; call invokeRaw(request)`);
    const headers = context.headers ?? NO_HEADERS;
    const args = this.kind === 'text' ? this.#textArguments(body, headers) : this.#schemaArguments(body, headers);
    const batcher = this.#batcher;
    if (batcher) return this.encodeOutput(await batcher.submit(args, context.signal));
    return this.encodeOutput(await this.#shape.run.apply(this.#shape.target, args));
  }

  async invokeDecoded(values: Readonly<Record<string, unknown>>, context: InvokeContext = {}): Promise<unknown> {
    if (this.kind === 'raw') throw new TypeError(`Entry script ${this.path}: run is @rawHttp; call invokeRaw(request)`);
    const args = this.#place(values, context.headers ?? NO_HEADERS);
    const batcher = this.#batcher;
    if (batcher) return batcher.submit(args, context.signal);
    return this.#shape.run.apply(this.#shape.target, args);
  }

  /** `run`'s arguments: each parameter's value by name, the headers where they are asked for. */
  #place(values: Readonly<Record<string, unknown>>, headers: Readonly<Record<string, string>>): unknown[] {
    const args: unknown[] = [];
    for (const parameter of this.#plan.parameters) {
      if (parameter.headers) args[parameter.position] = headers;
      else if (Object.hasOwn(values, parameter.name)) args[parameter.position] = values[parameter.name];
    }
    return args;
  }

  async invokeRaw(request: ScoringRequest): Promise<unknown> {
    if (this.kind !== 'raw') throw new TypeError(`Entry script ${this.path}: run is not @rawHttp; call invoke(body)`);
    return this.encodeOutput(await this.#shape.run.apply(this.#shape.target, this.#dataArguments(request, request.headers)));
  }

  /** The value in the first parameter that is not `requestHeaders`, the headers in that one; the rest undefined. */
  #dataArguments(data: unknown, headers: Readonly<Record<string, string>>): unknown[] {
    const args: unknown[] = [];
    for (const parameter of this.#plan.parameters) if (parameter.headers) args[parameter.position] = headers;
    args[this.#dataPosition] = data;
    return args;
  }

  #textArguments(body: unknown, headers: Readonly<Record<string, string>>): unknown[] {
    if (body instanceof Uint8Array) return this.#dataArguments(decoder.decode(body), headers);
    if (typeof body !== 'string') throw new TypeError(`Entry script ${this.path}: run takes the request body as a string`);
    return this.#dataArguments(body, headers);
  }

  #schemaArguments(body: unknown, headers: Readonly<Record<string, string>>): unknown[] {
    return this.#place(this.decodeInput(body), headers);
  }

  decodeInput(body: unknown): Record<string, unknown> {
    if (!isJsonObject(body)) throw new InputValidationError([{ path: '', message: 'must be an object' }]);
    const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const issues: ValidationIssue[] = [];
    let total = 0;
    for (const parameter of this.#plan.parameters) {
      const { name } = parameter;
      if (parameter.headers || name === '') continue;
      const value = Object.hasOwn(body, name) ? body[name] : undefined;
      if (value === undefined) {
        if (!parameter.optional) {
          issues.push({ path: appendPointer('', name), message: 'is required' });
          total++;
        }
        continue;
      }
      const decode = this.#decoders.get(parameter);
      try {
        values[name] = decode ? decode(value) : value;
      } catch (error) {
        if (!(error instanceof InputValidationError)) throw error;
        const prefixed = error.prefixed(appendPointer('', name));
        issues.push(...prefixed.errors);
        total += prefixed.total;
      }
    }
    if (issues.length > 0) throw new InputValidationError(issues, total);
    return values;
  }

  encodeOutput(result: unknown): unknown {
    const output = this.#plan.output;
    if (!output || result instanceof ScoringResponse) return result;
    const json = output.type.encode(result);
    const error = this.#validateOutput?.(json);
    if (error) throw new OutputValidationError(this.path, error.errors);
    return json;
  }
}
