/** The error for a sample value that no JSON Schema of a standard type describes, naming where it is. */
export function unsupportedSample(path: string, what: string): TypeError {
  return new TypeError(`Unsupported sample value${path ? ` at ${path}` : ''}: ${what}`);
}
