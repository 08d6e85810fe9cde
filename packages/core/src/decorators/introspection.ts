import type { JsonSchema, OpenApiVersion } from '../schema/json-schema.js';
import { planRun } from '../script/run-plan.js';
import { inputSchemaOfPlan, outputSchemaOfPlan, supportedVersionsOfPlan } from '../script/run-schemas.js';
import { inputsOf, outputsOf } from './metadata.js';

/**
 * The schema of the request body a decorated `run` expects: `{ type: 'object', properties, required, example }`
 * with one property per `@inputSchema` parameter, in parameter order (`required` leaves out optional
 * parameters and those with a default). `{ type: 'object' }` when nothing is declared. A fresh copy each call.
 *
 * @example
 * getInputSchema(Model.prototype.run);
 * // { type: 'object', properties: { data: { type: 'array', … } }, required: ['data'], example: { data: [[1, 2]] } }
 */
export function getInputSchema(run: Function): JsonSchema {
  return inputSchemaOfPlan(planRun(run)) ?? { type: 'object' };
}

/**
 * The schema of what a decorated `run` returns (with its `example`), or `{ type: 'object' }` when no
 * `@outputSchema` is declared. A fresh copy each call.
 *
 * @example
 * getOutputSchema(run); // { type: 'object', required: ['Results'], properties: { … }, example: { Results: [1] } }
 */
export function getOutputSchema(run: Function): JsonSchema {
  return outputSchemaOfPlan(planRun(run)) ?? { type: 'object' };
}

/**
 * The OpenAPI versions that can describe every schema of `run`: the intersection over all its declared
 * types (every version for an undecorated `run`).
 *
 * @example
 * getSupportedVersions(run); // ['3.0', '3.1'] when one input needs anyOf
 */
export function getSupportedVersions(run: Function): OpenApiVersion[] {
  return supportedVersionsOfPlan(planRun(run));
}

/**
 * True when `run` has an `@inputSchema` or an `@outputSchema` (or was wrapped by `withSchemas`).
 *
 * @example
 * isSchemaDecorated(Model.prototype.run); // true
 */
export function isSchemaDecorated(run: Function): boolean {
  return inputsOf(run).length > 0 || outputsOf(run).length > 0;
}
