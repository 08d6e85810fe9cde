import { InputValidationError, type ValidationIssue } from '../../validation/input-validation-error.js';

/** How many nested arrays a JSON value has, following the first element of each. */
function depthOf(value: unknown): number {
  let depth = 0;
  for (let node = value; Array.isArray(node); node = node[0]) depth++;
  return depth;
}

function valueAt(json: unknown, tokens: readonly string[]): unknown {
  let node = json;
  for (const token of tokens) node = Array.isArray(node) ? node[Number(token)] : undefined;
  return node;
}

/** The message for an array found where an element was expected, `depth` levels into the input. */
export function tooManyDimensions(expected: string, ndim: number, depth: number, value: unknown): string {
  return `must be ${expected}, not an array: expected ${ndim} dimensions, found ${depth + depthOf(value)}`;
}

/**
 * Says when a problem is a wrong number of dimensions: "must be an array" on a scalar above the element level
 * becomes "must be an array: expected 2 dimensions, found 1", and an array where an element belongs names
 * the dimensions too.
 */
export function explainDimensions(error: InputValidationError, json: unknown, ndim: number): InputValidationError {
  let changed = false;
  const issues = error.errors.map((issue): ValidationIssue => {
    if (issue.message.includes(' dimensions')) return issue;
    const tokens = issue.path === '' ? [] : issue.path.slice(1).split('/');
    const value = valueAt(json, tokens);
    const depth = tokens.length;
    const scalar = value === null || ['number', 'string', 'boolean', 'bigint'].includes(typeof value);
    if (depth < ndim && issue.message === 'must be an array' && scalar) {
      changed = true;
      return { path: issue.path, message: `must be an array: expected ${ndim} dimensions, found ${depth}` };
    }
    if (depth === ndim && Array.isArray(value) && issue.message.startsWith('must be ')) {
      changed = true;
      return { path: issue.path, message: tooManyDimensions(issue.message.slice('must be '.length), ndim, depth, value) };
    }
    return issue;
  });
  return changed ? new InputValidationError(issues, error.total) : error;
}
