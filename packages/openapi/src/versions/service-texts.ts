import type { JsonSchema } from '@inferschema/core';
import { MAX_REPORTED_ISSUES } from '@inferschema/core';

/** The words of the Azure ML service document template, shared by every version. */
export const SERVICE_TEXTS = Object.freeze({
  description: (title: string) => `API specification for the machine learning service ${title}`,
  healthCheck: 'Simple health check endpoint to ensure the service is up at any given point.',
  healthy: "If service is up and running, this response will be returned with the content 'Healthy'",
  failed: 'The service failed to execute due to an error.',
  score: "Run web service's model and get the prediction output",
  scoreInput: 'The input payload for executing the real-time machine learning service.',
  scoreOutput: 'The service processed the input correctly and provided a result prediction, if applicable.',
  swaggerSpec: 'Get the Swagger specification.',
  swaggerSpecResult: 'The Swagger specification.',
  versionParameter: 'The document version: 2 or 2.0 (Swagger 2.0), 3 or 3.0 (OpenAPI 3.0), 3.1 (OpenAPI 3.1).',
  bearer: 'For example: Bearer abc123',
});

/** The body of every error response; a request that fails validation also lists each problem. */
export const ERROR_RESPONSE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['message'],
  properties: {
    message: { type: 'string', description: 'What went wrong.' },
    errors: {
      type: 'array',
      description: `For a request body that does not match ServiceInput: each problem (at most ${MAX_REPORTED_ISSUES}).`,
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'string', description: 'JSON Pointer (RFC 6901) into the request body, e.g. /data/3/1.' },
          message: { type: 'string', description: 'What is wrong there, e.g. must be a number.' },
        },
      },
    },
  },
};

/** What a service document says when the script does not declare its input or output. */
export const UNDECLARED_SCHEMA = Object.freeze({
  input: { description: 'The script does not declare its input: any JSON value.' },
  output: { description: 'The script does not declare its output: any JSON value.' },
}) satisfies Record<string, JsonSchema>;
