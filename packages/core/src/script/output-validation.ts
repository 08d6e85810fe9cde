/** The environment variable that turns output validation off for a whole process (a server and its workers). */
export const VALIDATE_OUTPUT_ENV = 'INFERSCHEMA_VALIDATE_OUTPUT';

const OFF = new Set(['false', '0', 'off', 'no']);
const ON = new Set(['', 'true', '1', 'on', 'yes']);

/**
 * Whether results are checked against the output schema when the loader is not told: on, unless
 * `INFERSCHEMA_VALIDATE_OUTPUT` is `false` (or `0`, `off`, `no`).
 *
 * @throws TypeError naming the variable when it holds anything else.
 * @example
 * outputValidationFromEnv({ INFERSCHEMA_VALIDATE_OUTPUT: 'false' }); // false
 */
export function outputValidationFromEnv(env: NodeJS.ProcessEnv): boolean {
  const value = (env[VALIDATE_OUTPUT_ENV] ?? '').trim().toLowerCase();
  if (OFF.has(value)) return false;
  if (ON.has(value)) return true;
  throw new TypeError(`${VALIDATE_OUTPUT_ENV} must be true or false, got ${JSON.stringify(env[VALIDATE_OUTPUT_ENV])}`);
}
