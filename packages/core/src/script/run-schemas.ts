import type { JsonValue } from '../json/json-value.js';
import { ALL_OPENAPI_VERSIONS, type JsonSchema, type OpenApiVersion } from '../schema/json-schema.js';
import type { ParameterType } from '../types/parameter-type.js';
import type { RunPlan } from './run-plan.js';

function declaredInputs(plan: RunPlan) {
  const placed = plan.parameters.flatMap((parameter) =>
    parameter.declaration ? [{ declaration: parameter.declaration, required: !parameter.optional }] : [],
  );
  return [...placed, ...plan.unplaced.map((declaration) => ({ declaration, required: !declaration.optional }))];
}

/**
 * The schema of the request body of a `schema` run: `{ type: 'object', properties, required, example }` with
 * one property per declared parameter, in parameter order. Each property is its type's schema without its
 * `example`; the examples are gathered into the top-level `example`. Undefined when nothing is declared.
 */
export function inputSchemaOfPlan(plan: RunPlan): JsonSchema | undefined {
  const inputs = declaredInputs(plan);
  if (inputs.length === 0) return undefined;
  const properties: Record<string, JsonSchema> = {};
  const example: Record<string, JsonValue> = {};
  for (const { declaration } of inputs) {
    const { example: sample, ...schema } = declaration.type.toJsonSchema();
    properties[declaration.name] = schema;
    if (sample !== undefined) example[declaration.name] = sample;
  }
  const required = inputs.filter((input) => input.required).map((input) => input.declaration.name);
  return { type: 'object', properties, required, example };
}

/** The output type's schema (with its `example`), or undefined. */
export function outputSchemaOfPlan(plan: RunPlan): JsonSchema | undefined {
  return plan.output?.type.toJsonSchema();
}

/** Every parameter type of a run: the declared inputs, then the output. */
export function typesOfPlan(plan: RunPlan): ParameterType[] {
  const inputs = declaredInputs(plan).map((input) => input.declaration.type);
  return plan.output ? [...inputs, plan.output.type] : inputs;
}

/** The OpenAPI versions every schema of a run fits (all of them for an undecorated run). */
export function supportedVersionsOfPlan(plan: RunPlan): OpenApiVersion[] {
  const lists = typesOfPlan(plan).map((type) => type.supportedVersions());
  return ALL_OPENAPI_VERSIONS.filter((version) => lists.every((list) => list.includes(version)));
}
