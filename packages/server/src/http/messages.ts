/** The error messages the server answers with, as the Azure ML inference server words them. */
export const MESSAGES = Object.freeze({
  notFound:
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  methodNotAllowed: 'The method is not allowed for the requested URL.',
  headNotAllowed: 'Method not allowed',
  requestIdTooLong: 'x-request-id must not exceed 100 characters',
  clientRequestIdTooLong: 'x-ms-request-id and x-ms-client-request-id must not exceed 100 characters',
  traceIdTooLong: 'TraceId must not exceed 100 characters',
  expectsJson: 'Expects Content-Type to be application/json',
  unsupportedMediaType: (accepted: readonly string[]) => `Expects Content-Type to be one of ${accepted.join(', ')}`,
  notAcceptable: (available: readonly string[]) => `Cannot answer in a type the Accept header allows: the result can be ${available.join(', ')}`,
  emptyBody: 'POST body is empty. Expecting a JSON dictionary.',
  notAnObject: 'POST body should be a JSON dictionary.',
  invalidJson: (detail: string) => `POST body could not be decoded as JSON: ${detail}`,
  invalidUtf8: (detail: string) => `Input cannot be decoded as UTF-8: ${detail}`,
  bodyTooLarge: (limit: number) => `Request body is larger than the limit of ${limit} bytes.`,
  runFailed: 'An unexpected error occurred in scoring script. Check the logs for more info.',
  internalError: 'An unexpected internal error occurred. Check the logs for more info.',
  scoringTimeout: (ms: number) => `Scoring timeout after ${ms} ms`,
  notReady: 'The model is not ready: init() has not finished.',
  shuttingDown: 'The server is shutting down.',
  busy: 'The server is busy receiving other request bodies: retry later.',
  severalModels: (names: readonly string[]) =>
    `This server serves several models (${names.join(', ')}); /score serves a single one. Call POST /v2/models/{name}/infer.`,
  unauthorized: 'Missing or invalid API key. Send it as Authorization: Bearer <key>.',
  swaggerVersionInvalid: (version: string, supported: string) =>
    `Swagger version [${version}] is not valid. Supported versions: [${supported}].`,
  swaggerVersionUnsupported: (version: string, supported: string) =>
    `Swagger version [${version}] is not supported for the scoring script. Supported swagger versions: [${supported}].`,
});
