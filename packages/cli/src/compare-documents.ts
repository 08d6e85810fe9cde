import { isDeepStrictEqual } from 'node:util';

type Json = Record<string, unknown>;

/** How a committed service document differs from the one the script generates now. */
export interface DocumentChanges {
  /** `METHOD /path` lines, sorted (`changed` also lists `schema <name>` for the named schemas). */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  /** Why the change breaks clients of the committed document; empty when it does not. */
  readonly breaking: readonly string[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The operations of a service document by `METHOD /path`, in the document's order. */
export function operations(document: Json): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [route, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) if (item[method] !== undefined) found.set(`${method.toUpperCase()} ${route}`, item[method]);
  }
  return found;
}

function schemaNamed(document: Json, name: string): Json | undefined {
  return schemasOf(document)[name] as Json | undefined;
}

function schemasOf(document: Json): Record<string, unknown> {
  return (document.definitions ?? (document.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>;
}

/** `schema <name>` for each named schema added, removed or changed. */
function schemaChanges(committed: Json, generated: Json): string[] {
  const before = schemasOf(committed);
  const after = schemasOf(generated);
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.filter((name) => !isDeepStrictEqual(before[name], after[name])).map((name) => `schema ${name}`);
}

function typeOf(schema: Json | undefined): unknown {
  if (!schema) return undefined;
  const { example: _example, description: _description, ...shape } = schema;
  return shape;
}

function inputChanges(before: Json | undefined, after: Json | undefined): string[] {
  const was = (before?.properties ?? {}) as Record<string, Json>;
  const now = (after?.properties ?? {}) as Record<string, Json>;
  const required = new Set((before?.required ?? []) as string[]);
  const reasons: string[] = [];
  for (const name of Object.keys(was)) {
    if (!(name in now)) reasons.push(`input "${name}" was removed`);
    else if (!isDeepStrictEqual(typeOf(was[name]), typeOf(now[name]))) reasons.push(`input "${name}" changed type`);
  }
  for (const name of (after?.required ?? []) as string[]) if (!required.has(name)) reasons.push(`input "${name}" is now required`);
  return reasons;
}

/**
 * Compares a committed document with a freshly generated one: the operations added, removed and changed,
 * and what of it breaks existing clients (an input removed, retyped or newly required, the response type
 * changed, an operation removed).
 *
 * @example
 * compareDocuments(committed, generated).breaking; // ['input "rooms" changed type']
 */
export function compareDocuments(committed: Json, generated: Json): DocumentChanges {
  const before = operations(committed);
  const after = operations(generated);
  const added = [...after.keys()].filter((key) => !before.has(key)).sort();
  const removed = [...before.keys()].filter((key) => !after.has(key)).sort();
  const changed = [
    ...[...after.keys()].filter((key) => before.has(key) && !isDeepStrictEqual(before.get(key), after.get(key))).sort(),
    ...schemaChanges(committed, generated),
  ];
  const breaking = [
    ...removed.map((operation) => `${operation} was removed`),
    ...inputChanges(schemaNamed(committed, 'ServiceInput'), schemaNamed(generated, 'ServiceInput')),
  ];
  if (!isDeepStrictEqual(typeOf(schemaNamed(committed, 'ServiceOutput')), typeOf(schemaNamed(generated, 'ServiceOutput')))) {
    breaking.push('the response type changed');
  }
  return { added, removed, changed, breaking };
}
