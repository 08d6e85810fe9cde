import fc from 'fast-check';

/** The seed of every property in this folder: each run tries the same inputs. */
export const SEED = 20_261_122;

/** Keys that reach `Object.prototype` when code assigns them naively. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** An object with an *own* `__proto__` (or `constructor`) key, as `JSON.parse` builds it. */
export function ownKeyObject(key: string, value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** `depth` arrays (or objects) nested around `leaf`, built without recursion. */
export function deeplyNested(depth: number, kind: 'array' | 'object', leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** Single values JSON parsers and JavaScript callers can produce that schemas are most often wrong about. */
const oddScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 64,
    1e308,
    '',
    '0',
    '-1',
    '1e400',
    '9223372036854775808',
    '18446744073709551616',
    '2024-02-30T12:00:00Z',
    '2024-12-31T23:59:60Z',
    '2024-01-31',
    'AAA',
    'AB==',
    '\u0000',
    '\ud800',
    'toString',
    '__proto__',
    true,
    false,
    null,
  ),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** A hostile leaf: an odd scalar, or a container that holds one under a prototype key. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: oddScalar },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), oddScalar).map(([key, value]) => ownKeyObject(key, value)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [[]], [{}]) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 400 }).map((depth) => deeplyNested(depth, 'array')) },
);

/** Arbitrary JSON values (any shape), plus the hostile leaves, nested a few levels. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: hostileLeaf },
  { weight: 2, arbitrary: fc.array(hostileLeaf, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'data', '__proto__', 'constructor', 'x'), hostileLeaf, { maxKeys: 3 }) },
);

function sameKindLeaf(template: unknown): fc.Arbitrary<unknown> {
  switch (typeof template) {
    case 'number':
      return fc.oneof(fc.constant(template), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -128, max: 300 }));
    case 'bigint':
      return fc.oneof(fc.constant(template), fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }));
    case 'string':
      return fc.oneof(
        fc.constant(template),
        fc.string({ maxLength: 8 }),
        fc.date({ min: new Date(-1e13), max: new Date(1e13), noInvalidDate: true }).map((date) => date.toISOString()),
        fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
        fc.base64String({ maxLength: 12 }),
      );
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant(template);
  }
}

/**
 * Values shaped like `template` (a valid JSON input), changed at random: leaves replaced by values of the same
 * kind or by hostile ones, arrays resized, object keys dropped, added or named `__proto__`. Most stay close
 * enough to the schema to reach the conversion code behind the validator.
 */
export function variantsOf(template: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: variantOf(template) },
    { weight: 4, arbitrary: oneChangeOf(template) },
    { weight: 1, arbitrary: anyJson },
  );
}

type Path = ReadonlyArray<string | number>;

function pathsOf(value: unknown, path: Path = [], paths: Path[] = []): Path[] {
  paths.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...path, index], paths));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], paths);
  return paths;
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

/** `template` with exactly one node changed: replaced (same kind or hostile), removed, or duplicated. */
function oneChangeOf(template: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(template);
  return fc.integer({ min: 0, max: paths.length - 1 }).chain((which) => {
    const path = paths[which]!;
    const original = valueAt(template, path);
    const replacement = fc.oneof(
      { weight: 3, arbitrary: typeof original === 'object' ? variantOf(original) : sameKindLeaf(original) },
      { weight: 1, arbitrary: hostileLeaf },
      { weight: 1, arbitrary: fc.constant(REMOVE) },
      { weight: 1, arbitrary: fc.constant(DUPLICATE) },
    );
    return replacement.map((change) => changedAt(template, path, change));
  });
}

const REMOVE = Symbol('remove');
const DUPLICATE = Symbol('duplicate');

function changedAt(template: unknown, path: Path, change: unknown): unknown {
  if (path.length === 0) return change === REMOVE || change === DUPLICATE ? [template, template] : change;
  const copy = structuredClone(template) as Record<string | number, unknown>;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    if (change === REMOVE) parent.splice(key as number, 1);
    else if (change === DUPLICATE) parent.splice(key as number, 0, structuredClone(parent[key as number]));
    else parent[key as number] = change;
  } else if (change === REMOVE) delete parent[key];
  else if (change === DUPLICATE) Object.defineProperty(parent, '__proto__', { value: parent[key], enumerable: true, writable: true, configurable: true });
  else parent[key] = change;
  return copy;
}

function variantOf(template: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(template)) {
    const items = template.length === 0 ? hostileLeaf : fc.oneof(...template.map((item) => variantOf(item)));
    return fc.oneof(
      { weight: 4, arbitrary: fc.tuple(...template.map((item) => variantOf(item))) },
      { weight: 3, arbitrary: fc.array(items, { maxLength: 5 }) },
      { weight: 1, arbitrary: hostileLeaf },
    );
  }
  if (typeof template === 'object' && template !== null && !(template instanceof Date)) {
    const entries = Object.entries(template);
    const kept = entries.map(([key, value]) =>
      fc.oneof({ weight: 19, arbitrary: variantOf(value).map((variant) => [key, variant] as const) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    );
    const extra = fc.option(fc.tuple(fc.constantFrom('extra', ...PROTOTYPE_KEYS), hostileLeaf), { freq: 12 });
    const object = fc.tuple(fc.tuple(...kept), extra).map(([pairs, added]) => {
      const result: Record<string, unknown> = {};
      for (const pair of [...pairs, ...(added ? [added] : [])]) {
        if (pair) Object.defineProperty(result, pair[0], { value: pair[1], enumerable: true, writable: true, configurable: true });
      }
      return result;
    });
    return fc.oneof({ weight: 19, arbitrary: object }, { weight: 1, arbitrary: hostileLeaf });
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(template) },
    { weight: 4, arbitrary: sameKindLeaf(template) },
    { weight: 1, arbitrary: hostileLeaf },
  );
}
