import type { InputDeclaration } from '../decorators/metadata.js';
import { appendPointer } from '../json/json-pointer.js';
import type { JsonSchema } from '../schema/json-schema.js';
import type { ScriptProblem } from './script-load-error.js';

/** The parameter Power BI fills with its global parameters (case-sensitive, as Power BI sends it). */
export const GLOBAL_PARAMETERS = 'GlobalParameters';

const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'null']);

/** What a schema nests, when it is not a scalar: 'an array', 'an object', or undefined for a scalar. */
function nesting(schema: JsonSchema): string | undefined {
  if (schema.anyOf) return schema.anyOf.map(nesting).find((found) => found !== undefined);
  const types = [schema.type ?? []].flat() as string[];
  if (types.includes('array')) return 'an array';
  if (types.includes('object') || schema.properties !== undefined) return 'an object';
  return types.every((type) => SCALAR_TYPES.has(type)) ? undefined : 'a value of any type';
}

/**
 * Power BI sends `GlobalParameters` as flat scalars: a number, string or boolean, or an object whose values
 * are. A sample that nests an array or an object would load but never be filled by Power BI, so it is refused.
 */
export function globalParametersProblem(declaration: InputDeclaration): ScriptProblem | undefined {
  const schema = declaration.type.toJsonSchema();
  let where = '';
  let found = nesting(schema);
  if (found === 'an object' && schema.properties) {
    found = undefined;
    for (const [key, property] of Object.entries(schema.properties)) {
      found = nesting(property);
      if (found) {
        where = appendPointer('', key);
        break;
      }
    }
  }
  if (!found) return undefined;
  const what = where !== '' ? `nests ${found} at ${where}` : `is ${found}`;
  return {
    code: 'CONTRACT',
    method: 'run',
    parameter: declaration.name,
    message: `@inputSchema('${GLOBAL_PARAMETERS}') ${what}: Power BI sends GlobalParameters as flat scalars, so its sample must be a number, string or boolean, or an object whose values are`,
  };
}
