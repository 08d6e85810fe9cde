import { componentSchemas } from './validate-document.js';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}

const isContainer = (schema: Schema) => schema.type === 'object' || schema.type === 'array';

/**
 * The problems that keep Power BI from reading a service document, or `[]`. Power BI reads `ServiceInput`
 * with an object `Inputs` (case-sensitive) and an optional, not nested `GlobalParameters`, and a
 * `ServiceOutput` object whose required `Results` holds the result (Azure ML's "Power BI compatible endpoint").
 */
export function powerBiShapeProblems(document: object): string[] {
  const schemas = componentSchemas(document) as Record<string, Schema>;
  const input = schemas.ServiceInput ?? {};
  const output = schemas.ServiceOutput ?? {};
  const problems: string[] = [];
  const names = Object.keys(input.properties ?? {});
  if (input.type !== 'object') problems.push('ServiceInput is not an object');
  if (input.properties?.Inputs?.type !== 'object') problems.push('ServiceInput has no object property Inputs');
  const extra = names.filter((name) => name !== 'Inputs' && name !== 'GlobalParameters');
  if (extra.length) problems.push(`ServiceInput has properties besides Inputs and GlobalParameters: ${extra.join(', ')}`);
  const globals = input.properties?.GlobalParameters;
  if (globals && Object.values(globals.properties ?? {}).some(isContainer)) problems.push('GlobalParameters is nested');
  if (output.type !== 'object' || !output.properties?.Results || !output.required?.includes('Results')) {
    problems.push('ServiceOutput is not an object with a required Results');
  }
  return problems;
}
