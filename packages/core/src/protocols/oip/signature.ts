import { isDataFrameType, isNdArrayType } from '../../types/kind.js';
import type { ParameterType } from '../../types/parameter-type.js';
import {
  dataFrameInput,
  dataFrameOutput,
  ndarrayInput,
  ndarrayOutput,
  NoTensorForm,
  schemaInput,
  schemaOutput,
  textInput,
  undeclaredOutput,
  type BoundTensor,
  type InputBinding,
  type OutputBinding,
} from './bindings.js';
import { invalid } from './oip-error.js';
import { readInputTensor } from './read-input.js';
import type { InputTensorInit, Tensor, TensorMetadata } from './tensor.js';

/** What a signature is built from: a loaded script's kind, parameters and output type. */
export interface SignatureSource {
  readonly kind: 'schema' | 'text' | 'raw';
  readonly parameters: readonly { readonly name: string; readonly type: ParameterType | undefined; readonly optional: boolean }[];
  readonly outputType: ParameterType | undefined;
}

function inputBinding(name: string, type: ParameterType): InputBinding {
  if (isNdArrayType(type)) return ndarrayInput(name, type);
  if (isDataFrameType(type)) return dataFrameInput(name, type);
  return schemaInput(name, type);
}

function outputBinding(type: ParameterType | undefined): OutputBinding {
  if (type === undefined) return undeclaredOutput();
  if (isNdArrayType(type)) return ndarrayOutput(type);
  if (isDataFrameType(type)) return dataFrameOutput(type);
  return schemaOutput(type);
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Compares a received tensor with the metadata it must match: datatype, rank, fixed dimensions. */
function checkTensor(tensor: Tensor, bound: BoundTensor): void {
  const label = `input '${tensor.name}'`;
  if (!bound.anyDatatype && tensor.datatype !== bound.datatype) throw invalid(`${label}: datatype ${tensor.datatype}, expected ${bound.datatype}`);
  const flatColumn = bound.flatColumn && tensor.shape.length === 1;
  const fits =
    flatColumn || (tensor.shape.length === bound.shape.length && bound.shape.every((size, d) => size === -1 || size === tensor.shape[d]));
  if (!fits) throw invalid(`${label}: shape ${shapeText(tensor.shape)} does not fit ${shapeText(bound.shape)} (-1 is any size)`);
}

/**
 * A model's Open Inference Protocol signature, derived from its entry script's parameter types: the input
 * and output tensors its metadata lists, how input tensors become the native values `run` receives (the same
 * as through `/score`), and how its result becomes output tensors. Transport-neutral: REST and gRPC read
 * their tensors into {@link InputTensorInit}s and write the returned {@link Tensor}s in their own form.
 *
 * - `NdArrayParameterType`: one tensor named after the parameter, the dtype's datatype, shape `[-1, …]`.
 * - `DataFrameParameterType`: one tensor per column, named after the column, shape `[-1, 1]`.
 * - `StandardParameterType` (and custom types), by schema: a scalar `[1]`; arrays of one scalar type
 *   `[-1, …]`; an object of these one tensor per property. Nullable values, unions and tuples have none.
 * - a `text` script: one BYTES tensor `[1]`. A `@rawHttp` script has no tensor form.
 *
 * @example
 * const signature = OipSignature.of(script);
 * signature.inputs; // [{ name: 'features', datatype: 'FP32', shape: [-1, 4] }]
 * const args = signature.decodeInputs([{ name: 'features', datatype: 'FP32', shape: [1, 4], data: [1, 2, 3, 4] }]);
 */
export class OipSignature {
  /** The input tensors, in parameter order. */
  readonly inputs: readonly TensorMetadata[];
  /** The output tensors (empty when the script declares no output type). */
  readonly outputs: readonly TensorMetadata[];
  readonly #bindings: readonly InputBinding[];
  readonly #optional: ReadonlySet<string>;
  readonly #bound: ReadonlyMap<string, BoundTensor>;
  readonly #output: OutputBinding;

  private constructor(bindings: readonly InputBinding[], optional: ReadonlySet<string>, output: OutputBinding) {
    this.#bindings = bindings;
    this.#optional = optional;
    this.#output = output;
    const bound = new Map<string, BoundTensor>();
    for (const binding of bindings) {
      for (const tensor of binding.tensors) {
        if (bound.has(tensor.name)) throw new NoTensorForm(`two inputs are named '${tensor.name}' (parameter '${binding.parameter}' and another)`);
        bound.set(tensor.name, tensor);
      }
    }
    this.#bound = bound;
    this.inputs = Object.freeze([...bound.values()].map(({ name, datatype, shape }) => Object.freeze({ name, datatype, shape: Object.freeze([...shape]) })));
    this.outputs = Object.freeze(output.tensors.map(({ name, datatype, shape }) => Object.freeze({ name, datatype, shape: Object.freeze([...shape]) })));
  }

  /**
   * The signature of a loaded script.
   *
   * @throws NoTensorForm (a TypeError-like `Error`) saying which parameter cannot be a tensor and why.
   */
  static of(source: SignatureSource): OipSignature {
    if (source.kind === 'raw') throw new NoTensorForm('run is @rawHttp: it reads the HTTP request itself, which has no tensor form');
    const data = source.parameters.filter((parameter) => !['requestHeaders', 'request_headers'].includes(parameter.name));
    const bindings: InputBinding[] = [];
    const optional = new Set<string>();
    if (source.kind === 'text') {
      bindings.push(textInput(data[0]?.name || 'input'));
    } else {
      for (const parameter of data) {
        if (!parameter.type) {
          if (parameter.optional) continue;
          throw new NoTensorForm(`parameter '${parameter.name}' has no @inputSchema type, so no tensor form`);
        }
        bindings.push(inputBinding(parameter.name, parameter.type));
        if (parameter.optional) optional.add(parameter.name);
      }
    }
    return new OipSignature(bindings, optional, outputBinding(source.outputType));
  }

  /**
   * Reads and checks the request's input tensors against the metadata (names, datatypes, shapes, element
   * counts, element types and ranges) and converts them into `run`'s arguments, by parameter name.
   *
   * @throws OipError (`invalid-argument`) naming the tensor and the problem.
   */
  decodeInputs(inits: readonly InputTensorInit[]): Record<string, unknown> {
    if (!Array.isArray(inits)) throw invalid('inputs must be an array of tensors');
    const received = new Map<string, Tensor>();
    inits.forEach((init, index) => {
      const tensor = readInputTensor(init, index);
      if (received.has(tensor.name)) throw invalid(`input '${tensor.name}' appears twice`);
      const bound = this.#bound.get(tensor.name);
      if (!bound) throw invalid(`unknown input '${tensor.name}'; the model's inputs are ${this.#names()}`);
      checkTensor(tensor, bound);
      received.set(tensor.name, tensor);
    });
    const args: Record<string, unknown> = {};
    for (const binding of this.#bindings) {
      const missing = binding.tensors.filter((tensor) => !received.has(tensor.name));
      if (missing.length === binding.tensors.length && this.#optional.has(binding.parameter)) continue;
      if (missing.length > 0) throw invalid(`input '${missing[0]!.name}' is missing; the model's inputs are ${this.#names()}`);
      args[binding.parameter] = binding.decode(received);
    }
    return args;
  }

  /**
   * The output tensors of a result: all of them, or the `requested` ones in the order asked.
   *
   * @throws OipError when a requested output does not exist; TypeError when the result has no tensor form
   * (the script's error).
   */
  encodeOutputs(result: unknown, requested?: readonly string[]): Tensor[] {
    const tensors = this.#output.encode(result);
    if (requested === undefined || requested.length === 0) return tensors;
    return requested.map((name) => {
      const tensor = tensors.find((candidate) => candidate.name === name);
      if (!tensor) throw invalid(`unknown output '${name}'; the model's outputs are ${tensors.map((t) => `'${t.name}'`).join(', ') || 'none'}`);
      return tensor;
    });
  }

  /** The names of the requested outputs that the metadata does not list (when it lists any). */
  unknownOutputs(requested: readonly string[]): string[] {
    if (this.outputs.length === 0) return [];
    return requested.filter((name) => !this.outputs.some((output) => output.name === name));
  }

  #names(): string {
    return [...this.#bound.keys()].map((name) => `'${name}'`).join(', ') || 'none';
  }
}
