import type { ErrorObject } from 'ajv';
import { appendPointer } from '../json/json-pointer.js';
import type { JsonSchema } from '../schema/json-schema.js';
import type { ValidationIssue } from './input-validation-error.js';
import { INTEGER_FORMATS } from './numeric-formats.js';

const ARTICLE: Record<string, string> = { integer: 'an integer', array: 'an array', object: 'an object', null: 'null' };
const FORMAT_MESSAGES: Record<string, string> = {
  float: 'must be a float32 (a number within ±3.4028235e38)',
  double: 'must be a finite number',
  'date-time': 'must be an ISO 8601 date-time with a time zone, e.g. 2024-01-31T12:00:00Z',
  date: 'must be an ISO 8601 date, e.g. 2024-01-31',
  time: 'must be an ISO 8601 time with a time zone, e.g. 12:00:00Z',
  duration: 'must be an ISO 8601 duration, e.g. P1DT2H',
  timedelta: 'must be an ISO 8601 duration, e.g. P1DT2H',
  byte: 'must be base64-encoded bytes',
};

function typeNames(type: unknown): string {
  const names = Array.isArray(type) ? type : String(type).split(',');
  return names.map((name) => ARTICLE[name] ?? `a ${name}`).join(' or ');
}

function formatMessage(format: string): string {
  const integer = INTEGER_FORMATS[format];
  return integer ? `must be ${format} (${integer.description})` : (FORMAT_MESSAGES[format] ?? `must be a valid ${format}`);
}

/** How an `anyOf` message names one option: its format (a double is just a number), its type, or an object by its keys. */
function optionName(option: JsonSchema & { exactInteger?: string }): string {
  const format = option.format ?? option.exactInteger;
  if (format && format !== 'double') return format;
  const keys = option.type === 'object' && option.properties ? Object.keys(option.properties) : [];
  return keys.length ? `an object with ${keys.join(', ')}` : typeNames(option.type);
}

function itemsMessage(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as JsonSchema;
  if (schema.minItems !== undefined && schema.minItems === schema.maxItems) {
    return `must have exactly ${schema.minItems} ${schema.minItems === 1 ? 'item' : 'items'}`;
  }
  return error.keyword === 'minItems'
    ? `must have at least ${error.params.limit as number} items`
    : `must have at most ${error.params.limit as number} items`;
}

function issueOf(error: ErrorObject): ValidationIssue {
  const path = error.instancePath;
  switch (error.keyword) {
    case 'type':
      return { path, message: `must be ${typeNames(error.params.type)}` };
    case 'required':
      return { path: appendPointer(path, error.params.missingProperty as string), message: 'is required' };
    case 'additionalProperties':
      return { path: appendPointer(path, error.params.additionalProperty as string), message: 'is not allowed' };
    case 'minItems':
    case 'maxItems':
      return { path, message: itemsMessage(error) };
    case 'format':
      return { path, message: formatMessage(error.params.format as string) };
    case 'anyOf': {
      const options = new Set(((error.parentSchema as JsonSchema | undefined)?.anyOf ?? []).map(optionName));
      return { path, message: options.size ? `must be one of: ${[...options].join(', ')}` : 'matches none of the allowed types' };
    }
    case 'enum':
      return { path, message: `must be one of ${JSON.stringify(error.params.allowedValues)}` };
    case 'const':
      return { path, message: `must equal ${JSON.stringify(error.params.allowedValue)}` };
    default:
      return { path, message: error.message ?? `fails ${error.keyword}` };
  }
}

/**
 * Turns ajv's errors into issues with JSON Pointer paths and plain messages. The errors inside an `anyOf`
 * are folded into the `anyOf` error itself, which says which types were allowed.
 */
export function issuesOf(errors: readonly ErrorObject[]): ValidationIssue[] {
  const unions = errors.filter((error) => error.keyword === 'anyOf').map((error) => `${error.schemaPath}/`);
  return errors
    .filter((error) => !unions.some((prefix) => error.schemaPath.startsWith(prefix)))
    .map(issueOf);
}
