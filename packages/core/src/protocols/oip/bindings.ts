import ndarray from 'ndarray';
import type { JsonValue } from '../../json/json-value.js';
import { jsonInteger } from '../../json/json-integer.js';
import type { DataFrameParameterType } from '../../types/dataframe/dataframe-parameter-type.js';
import { frameAdapterFor } from '../../types/dataframe/frame-adapter.js';
import type { FrameColumn } from '../../types/dataframe/frame-data.js';
import { writeOrient } from '../../types/dataframe/orient-writer.js';
import type { NdArrayParameterType } from '../../types/ndarray/ndarray-parameter-type.js';
import { isFlatData, isNdArray, type NdArray } from '../../types/ndarray/ndarray-like.js';
import { encodeArrayValue } from '../../types/ndarray/nested-json.js';
import { jsonItem } from '../../types/ndarray/json-items.js';
import type { ParameterType } from '../../types/parameter-type.js';
import type { TypedArray } from '../../types/typed-array.js';
import { InputValidationError } from '../../validation/input-validation-error.js';
import { datatypeOfTypedArray, isNumericDatatype, type OipDatatype } from './datatype.js';
import { readJsonTensor } from './json-tensor.js';
import { invalid } from './oip-error.js';
import type { Tensor, TensorMetadata, TensorValues } from './tensor.js';
import { columnDatatype, DTYPE_DATATYPES, schemaTensorForm, type SchemaTensorForm } from './tensor-forms.js';
import { packedMap } from '../../json/packed-map.js';

/** One tensor a binding reads, with what it accepts. */
export interface BoundTensor extends TensorMetadata {
  /** Any datatype is accepted (the type infers it from the values); `datatype` is the sample's. */
  readonly anyDatatype: boolean;
  /** Also accepted: `[n]` for a `[-1, 1]` DataFrame column (MLServer's older pandas codec). */
  readonly flatColumn?: boolean;
}

/** How one `run` parameter is read from input tensors. */
export interface InputBinding {
  readonly parameter: string;
  readonly tensors: readonly BoundTensor[];
  /** The native value `run` receives, from this binding's tensors (all present and matching `tensors`). */
  decode(tensors: ReadonlyMap<string, Tensor>): unknown;
}

/** How a `run` result becomes output tensors. */
export interface OutputBinding {
  /** The metadata of the outputs; empty when the script declares no output type. */
  readonly tensors: readonly TensorMetadata[];
  encode(result: unknown): Tensor[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(value: string | Uint8Array, label: string, index: number): string {
  if (typeof value === 'string') return value;
  try {
    return utf8.decode(value);
  } catch {
    throw invalid(`${label}: BYTES element ${index} is not UTF-8 text`);
  }
}

function texts(values: TensorValues, label: string): string[] {
  return Array.from(values as readonly (string | Uint8Array)[], (value, index) => text(value, label, index));
}

/** One element as JSON, for the types that decode JSON: bigint kept exact, bytes as UTF-8 text (or base64). */
function jsonElements(values: TensorValues, label: string, base64 = false): JsonValue[] {
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return packedMap<bigint, JsonValue>(values, (value) => jsonInteger(value));
  if (ArrayBuffer.isView(values)) return packedMap(values as ArrayLike<number>, (value) => value);
  return Array.from(values as readonly (boolean | string | Uint8Array)[], (value, index) =>
    value instanceof Uint8Array ? (base64 ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') : text(value, label, index)) : value,
  );
}

function nest(flat: readonly JsonValue[], shape: readonly number[]): JsonValue {
  let next = 0;
  const build = (depth: number): JsonValue =>
    depth === shape.length ? flat[next++]! : Array.from({ length: shape[depth]! }, () => build(depth + 1));
  return build(0);
}

function validationMessage(error: InputValidationError): string {
  return error.errors.map(({ path, message }) => (path ? `${path} ${message}` : message)).join('; ');
}

/** Runs a type's own `decode` on JSON built from tensors, its problems reported against `label`. */
function decodeJson(type: ParameterType, json: unknown, label: string): unknown {
  try {
    return type.decode(json);
  } catch (error) {
    if (error instanceof InputValidationError) throw invalid(`${label}: ${validationMessage(error)}`);
    throw error;
  }
}

// ---- ndarray: one tensor -------------------------------------------------------------------------------

/** An {@link NdArrayParameterType}: one tensor of the dtype's datatype, shape `[-1, …sample dims]`. */
export function ndarrayInput(parameter: string, type: NdArrayParameterType): InputBinding {
  const datatype = DTYPE_DATATYPES[type.dtype];
  const shape = [-1, ...type.shape.slice(1).map((size) => (type.enforceShape ? size : -1))];
  const bound: BoundTensor = { name: parameter, datatype, shape, anyDatatype: !type.enforceDtype };
  return {
    parameter,
    tensors: [bound],
    decode(tensors) {
      const tensor = tensors.get(parameter)!;
      const label = `input '${parameter}'`;
      return ndarray(ndarrayData(tensor, type.enforceDtype ? type.dtype : undefined, label) as never, [...tensor.shape]);
    },
  };
}

function ndarrayData(tensor: Tensor, dtype: NdArrayParameterType['dtype'] | undefined, label: string): unknown {
  if (isNumericDatatype(tensor.datatype) || tensor.datatype === 'BOOL') return tensor.values;
  if (dtype !== 'datetime64') return texts(tensor.values, label);
  return texts(tensor.values, label).map((value, index) => {
    const date = new Date(value);
    if (!/^\d{4}-\d\d-\d\d/.test(value) || Number.isNaN(date.getTime())) throw invalid(`${label}: element ${index} is ${JSON.stringify(value)}, expected an ISO 8601 date-time`);
    return date;
  });
}

// ---- DataFrame: one tensor per column ------------------------------------------------------------------

function columnTensor(column: FrameColumn, anyDatatype: boolean): BoundTensor {
  const datatype = columnDatatype(column.type);
  return { name: column.name, datatype: datatype ?? 'BYTES', shape: [-1, 1], anyDatatype: anyDatatype || datatype === undefined, flatColumn: true };
}

/**
 * A {@link DataFrameParameterType}: one tensor per column (the MLServer pandas codec convention), named after
 * the column, shape `[-1, 1]` (`[n]` accepted too); every column has the same number of rows. The frame is
 * built by the type itself, from its orient, so `run` receives what `/score` gives it.
 */
export function dataFrameInput(parameter: string, type: DataFrameParameterType): InputBinding {
  const columns = type.columns;
  const tensors = columns.map((column) => columnTensor(column, !type.enforceColumnType));
  return {
    parameter,
    tensors,
    decode(received) {
      const rows = received.get(columns[0]!.name)!.shape[0]!;
      const cells = columns.map(({ name }) => {
        const tensor = received.get(name)!;
        if (tensor.shape[0] !== rows) {
          throw invalid(`input '${name}': has ${tensor.shape[0]} rows, but column '${columns[0]!.name}' has ${rows}; the columns of '${parameter}' have one row count`);
        }
        return jsonElements(tensor.values, `input '${name}'`);
      });
      const labels = Array.from({ length: rows }, (_, row) => row);
      const json = writeOrient({ columns, cells, labels }, type.orient);
      return decodeJson(type, json, `DataFrame '${parameter}'`);
    },
  };
}

// ---- Standard and custom types: by their JSON Schema ---------------------------------------------------

function schemaBound(name: string, form: SchemaTensorForm): BoundTensor {
  return { name, datatype: form.datatype, shape: form.rank === 0 ? [1] : Array.from({ length: form.rank }, () => -1), anyDatatype: false };
}

function schemaValue(tensor: Tensor, form: SchemaTensorForm, label: string): JsonValue {
  const flat = jsonElements(tensor.values, label, form.item.format === 'byte');
  return form.rank === 0 ? flat[0]! : nest(flat, tensor.shape);
}

/** Why a type has no tensor form: thrown when the model's signature is built. */
export class NoTensorForm extends Error {
  override readonly name = 'NoTensorForm';
}

/**
 * A standard (or custom) type, by its JSON Schema: a scalar is one tensor of shape `[1]`, arrays of one
 * scalar type one tensor of shape `[-1, …]` (one free dimension per level), and an object whose every
 * property is one of these is one tensor per property, named after it. The type decodes the JSON built from
 * the tensors, so every rule of its schema holds.
 *
 * @throws NoTensorForm for anything else (nullable values, unions, tuples, deeper objects).
 */
export function schemaInput(parameter: string, type: ParameterType): InputBinding {
  const schema = type.toJsonSchema();
  const whole = schemaTensorForm(schema);
  if (typeof whole !== 'string') {
    return {
      parameter,
      tensors: [schemaBound(parameter, whole)],
      decode: (tensors) => decodeJson(type, schemaValue(tensors.get(parameter)!, whole, `input '${parameter}'`), `input '${parameter}'`),
    };
  }
  const members = objectMembers(schema, `input '${parameter}'`, whole);
  return {
    parameter,
    tensors: members.map(([name, form]) => schemaBound(name, form)),
    decode(tensors) {
      const json: Record<string, JsonValue> = {};
      for (const [name, form] of members) json[name] = schemaValue(tensors.get(name)!, form, `input '${name}'`);
      return decodeJson(type, json, `input '${parameter}'`);
    },
  };
}

function objectMembers(schema: import('../../schema/json-schema.js').JsonSchema, label: string, reason: string): [string, SchemaTensorForm][] {
  if (schema.type !== 'object' || !schema.properties) throw new NoTensorForm(`${label}: ${reason}`);
  return Object.entries(schema.properties).map(([name, property]) => {
    const form = schemaTensorForm(property);
    if (typeof form === 'string') throw new NoTensorForm(`${label}: property '${name}': ${form}`);
    return [name, form];
  });
}

/** The text `run` receives in a `text` script: one BYTES tensor of shape `[1]`. */
export function textInput(parameter: string): InputBinding {
  return {
    parameter,
    tensors: [{ name: parameter, datatype: 'BYTES', shape: [1], anyDatatype: false }],
    decode: (tensors) => text((tensors.get(parameter)!.values as readonly (string | Uint8Array)[])[0]!, `input '${parameter}'`, 0),
  };
}

// ---- outputs -------------------------------------------------------------------------------------------

/** The name of the one output tensor of an ndarray, array or scalar result. */
export const OUTPUT_NAME = 'output';

/** The shape of nested JSON arrays, from their first elements (raggedness is caught when they are read). */
function nestedShape(json: JsonValue): number[] {
  const shape: number[] = [];
  let level: JsonValue = json;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0]!;
  }
  return shape;
}

function tensorOfJson(name: string, json: JsonValue, datatype: OipDatatype): Tensor {
  const shape = Array.isArray(json) ? nestedShape(json) : [1];
  const count = shape.reduce((a, b) => a * b, 1);
  const values = readJsonTensor(Array.isArray(json) ? json : [json], datatype, shape, count, `output '${name}'`);
  return { name, datatype, shape, values };
}

/** A tensor of an ndarray or typed array result, without a copy when its data is contiguous row-major. */
function tensorOfArray(name: string, value: NdArray | TypedArray, datatype: OipDatatype, encode: () => JsonValue): Tensor {
  if (isNdArray(value)) {
    const data = value.data as unknown;
    if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
      const { shape, stride, offset } = value;
      const size = shape.reduce((a, b) => a * b, 1);
      let step = 1;
      let contiguous = true;
      for (let d = shape.length - 1; d >= 0; d--) {
        if (shape[d]! > 1 && stride[d] !== step) contiguous = false;
        step *= shape[d]!;
      }
      const typed = data as TypedArray;
      if (contiguous && offset + size <= typed.length) {
        return { name, datatype: datatypeOfTypedArray(typed), shape: [...shape], values: typed.subarray(offset, offset + size) };
      }
    }
  } else return { name, datatype: datatypeOfTypedArray(value), shape: [value.length], values: value };
  return tensorOfJson(name, encode(), datatype);
}

/** An ndarray output: one tensor named `output`. */
export function ndarrayOutput(type: NdArrayParameterType): OutputBinding {
  const datatype = DTYPE_DATATYPES[type.dtype];
  const shape = [-1, ...type.shape.slice(1).map((size) => (type.enforceShape ? size : -1))];
  return {
    tensors: [{ name: OUTPUT_NAME, datatype, shape }],
    encode(result) {
      if ((isNdArray(result) || (isFlatData(result) && ArrayBuffer.isView(result))) && type.dtype !== 'bool') {
        return [tensorOfArray(OUTPUT_NAME, result as NdArray | TypedArray, datatype, () => type.encode(result as never))];
      }
      return [tensorOfJson(OUTPUT_NAME, type.encode(result as never), datatype)];
    },
  };
}

/** A DataFrame output: one tensor per column of the result, shape `[rows, 1]`. */
export function dataFrameOutput(type: DataFrameParameterType): OutputBinding {
  return {
    tensors: type.columns.map(({ name, type: column }) => ({ name, datatype: columnDatatype(column) ?? 'BYTES', shape: [-1, 1] })),
    encode(result) {
      const frame = frameAdapterFor(result, 'scalar').read(result);
      return frame.columns.map(({ name, type: column }, c) => {
        const cells = frame.cells[c]!;
        const datatype = columnDatatype(column) ?? inferDatatype(cells);
        const tensor = tensorOfJson(name, cells, datatype);
        return { ...tensor, shape: [cells.length, 1] };
      });
    },
  };
}

/** A standard or custom output, by its JSON Schema (as inputs are); no schema: tensors from the values. */
export function schemaOutput(type: ParameterType): OutputBinding {
  const schema = type.toJsonSchema();
  const whole = schemaTensorForm(schema);
  if (typeof whole !== 'string') {
    return {
      tensors: [schemaBound(OUTPUT_NAME, whole)],
      encode: (result) => [tensorOfJson(OUTPUT_NAME, type.encode(result), whole.datatype)],
    };
  }
  const members = objectMembers(schema, 'the output', whole);
  return {
    tensors: members.map(([name, form]) => schemaBound(name, form)),
    encode(result) {
      const json = type.encode(result) as Record<string, JsonValue>;
      return members.map(([name, form]) => tensorOfJson(name, json[name]!, form.datatype));
    },
  };
}

function inferDatatype(values: readonly unknown[]): OipDatatype {
  let datatype: OipDatatype | undefined;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    const seen: OipDatatype =
      typeof value === 'boolean' ? 'BOOL' : typeof value === 'string' ? 'BYTES' : typeof value === 'bigint' ? 'INT64' : 'FP64';
    if (datatype === undefined || datatype === seen) datatype = seen;
    else if ((datatype === 'INT64' && seen === 'FP64') || (datatype === 'FP64' && seen === 'INT64')) datatype = 'FP64';
    else throw new TypeError(`the result mixes ${datatype} and ${seen} values, which no tensor holds`);
  };
  values.forEach(visit);
  return datatype ?? 'FP64';
}

/**
 * The outputs of a script that declares no output type: an ndarray or typed array is one tensor, a plain
 * object one tensor per property, anything else (arrays, scalars) one tensor whose datatype comes from the
 * values (booleans BOOL, strings BYTES, numbers FP64, `bigint` INT64).
 */
export function undeclaredOutput(): OutputBinding {
  const tensorOf = (name: string, value: unknown): Tensor => {
    if (isNdArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
      const json = () => encodeArrayValue(value, jsonItem);
      return tensorOfArray(name, value as NdArray | TypedArray, 'FP64', json);
    }
    const json = (Array.isArray(value) ? encodeArrayValue(value, jsonItem) : jsonItem(value)) as JsonValue;
    return tensorOfJson(name, json, inferDatatype([json]));
  };
  return {
    tensors: [],
    encode(result) {
      if (typeof result === 'object' && result !== null && Object.getPrototypeOf(result) === Object.prototype) {
        return Object.entries(result).map(([name, value]) => tensorOf(name, value));
      }
      return [tensorOf(OUTPUT_NAME, result)];
    },
  };
}
