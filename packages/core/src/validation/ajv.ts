import { Ajv2020 } from 'ajv/dist/2020.js';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import type { Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { INTEGER_FORMATS, isFloat32 } from './numeric-formats.js';

// ajv-formats is CommonJS with a default export; under nodenext its namespace arrives as the module object.
type AddFormats = (ajv: Ajv2020, options: { mode: 'full' | 'fast'; formats: string[] }) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

const ISO_DURATION =
  /^-?P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$/;
const DECIMAL_INTEGER = /^-?\d{1,20}$/;
// ajv-formats' own `byte` regex has the `m` flag, so any string holding a line break passes.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The message of a value that the `exactInteger` keyword rejects, or undefined when it is accepted. */
export function exactIntegerProblem(format: 'int64' | 'uint64', value: unknown): string | undefined {
  const range = INTEGER_FORMATS[format]!;
  let exact: bigint;
  if (typeof value === 'bigint') exact = value;
  else if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'must be an integer';
    if (!Number.isSafeInteger(value)) {
      return 'must be an exact integer: this number is beyond ±2^53 and was rounded when parsed; send it as a decimal string';
    }
    exact = BigInt(value);
  } else if (typeof value === 'string' && DECIMAL_INTEGER.test(value)) exact = BigInt(value);
  else return `must be an integer (or a decimal string) for ${format}`;
  return exact < range.min || exact > range.max ? `must be ${format} (${range.description})` : undefined;
}

const exactInteger: DataValidateFunction = function exactInteger(this: unknown, ...args: unknown[]) {
  const [format, data] = args as ['int64' | 'uint64', unknown];
  const message = exactIntegerProblem(format, data);
  if (message === undefined) return true;
  (exactInteger as DataValidateFunction).errors = [{ keyword: 'exactInteger', message, params: { format } }];
  return false;
};

function configure(ajv: Ajv2020): Ajv2020 {
  ajv.addVocabulary(['example']);
  addFormats(ajv, { mode: 'full', formats: ['date-time', 'date', 'time', 'duration', 'byte', 'binary'] });
  ajv.addFormat('byte', BASE64);
  for (const [name, range] of Object.entries(INTEGER_FORMATS)) {
    const [min, max] = [Number(range.min), Number(range.max)];
    ajv.addFormat(name, { type: 'number', validate: (value: number) => value >= min && value <= max });
  }
  ajv.addFormat('float', { type: 'number', validate: isFloat32 });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('timedelta', { type: 'string', validate: ISO_DURATION });
  ajv.addKeyword({ keyword: 'exactInteger', schemaType: 'string', errors: true, validate: exactInteger });
  return ajv;
}

const COMMON: Options = { strict: true, strictNumbers: true, allErrors: false, addUsedSchema: false, inlineRefs: true };

/** Validates at full speed and stops at the first problem: the path every request takes. */
export const fastAjv = configure(new Ajv2020(COMMON));

/**
 * Lists every problem with its schema: used only once an input has failed, to explain why. It compiles only
 * schemas that {@link fastAjv} has already compiled, and so checked against the meta-schema; checking them again
 * would compile the meta-schema in this instance too, 20-30 ms that the first bad request of a process paid.
 */
export const detailedAjv = configure(new Ajv2020({ ...COMMON, allErrors: true, verbose: true, validateSchema: false }));

/**
 * A strict ajv instance with the formats and the `example` keyword that inferschema schemas use, for tests
 * and tools that want to compile the schemas themselves.
 *
 * @example
 * createStrictAjv().compile(validationSchemaOf(type.toJsonSchema()));
 */
export function createStrictAjv(options: Options = {}): Ajv2020 {
  return configure(new Ajv2020({ ...COMMON, ...options }));
}
