import { hasFlag, inputsOf, MODEL_INIT, outputsOf, RAW_HTTP } from '../decorators/metadata.js';
import type { ScriptProblem } from './script-load-error.js';

/** `init` and `run` as found in a script's exports, with the object to call them on. */
export interface ScriptShape {
  readonly init: Function;
  readonly run: Function;
  /** `this` for both calls: the class instance, the exported object, or undefined for module functions. */
  readonly target: unknown;
  /** `init` is marked `@modelInit`: it is called with the model directory. */
  readonly initTakesModelDir: boolean;
}

type Holder = Record<PropertyKey, unknown>;

const NO_RUN: ScriptProblem = {
  code: 'CONTRACT',
  method: 'run',
  message: 'has no run function: export init and run functions, or a default class (or instance) with init and run methods',
};

function isClass(value: unknown): value is new () => object {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

function isModuleNamespace(value: object): boolean {
  return (value as Holder)[Symbol.toStringTag] === 'Module';
}

function holdsRun(value: unknown): value is Holder {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as Holder).run === 'function';
}

/** Every function-valued property of an object and its prototypes (class methods included), by name. */
function methodsOf(holder: object): Map<Function, string> {
  const methods = new Map<Function, string>();
  for (let object: object | null = holder; object && object !== Object.prototype && object !== Function.prototype; object = Object.getPrototypeOf(object)) {
    for (const key of Object.getOwnPropertyNames(object)) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (typeof descriptor?.value === 'function' && key !== 'constructor' && !methods.has(descriptor.value)) methods.set(descriptor.value as Function, key);
    }
  }
  return methods;
}

/** What a function other than `run` was marked with by a decorator that only means something on `run`. */
function runOnlyDeclaration(fn: Function): string | undefined {
  const input = inputsOf(fn)[0];
  if (input) return input.listed === undefined ? `@inputSchema('${input.name}')` : 'withSchemas';
  if (outputsOf(fn).length > 0) return '@outputSchema';
  return hasFlag(fn, RAW_HTTP) ? '@rawHttp' : undefined;
}

/** A schema or `@rawHttp` declaration on a method the loader never calls (e.g. `predict`, called by `run`). */
function misplacedDeclaration(methods: ReadonlyMap<Function, string>, run: Function): ScriptProblem | undefined {
  for (const [fn, name] of methods) {
    const declaration = fn === run ? undefined : runOnlyDeclaration(fn);
    if (declaration) {
      return {
        code: 'CONTRACT',
        method: name,
        message: `${declaration} is on ${name}, which the loader never calls: only run receives the request, so declare the schemas on run (run may call ${name})`,
      };
    }
  }
  return undefined;
}

/**
 * The object whose `init` and `run` the script provides: the module's own exports (named exports, or
 * CommonJS `module.exports`), else its default export: an instance, an object, or a class (instantiated with
 * no arguments).
 */
function holderOf(exports: unknown): { holder: Holder; target: unknown } | ScriptProblem {
  // A CommonJS module compiled from `export default` nests its default once more ({ default: { default } }).
  for (let candidate = exports, depth = 0; depth < 3 && candidate != null; candidate = (candidate as Holder).default, depth++) {
    if (holdsRun(candidate)) {
      return { holder: candidate, target: isModuleNamespace(candidate) ? undefined : candidate };
    }
    if (isClass(candidate)) return instantiate(candidate);
  }
  return NO_RUN;
}

function instantiate(type: new () => object): { holder: Holder; target: unknown } | ScriptProblem {
  if (type.length > 0) {
    const count = type.length === 1 ? '1 argument' : `${type.length} arguments`;
    return {
      code: 'CONTRACT',
      message: `the constructor of its default-exported class ${type.name || '(anonymous)'} takes ${count}, but the loader constructs it with none: give each constructor parameter a default value, or export an instance (export default new ${type.name || 'Model'}(…))`,
    };
  }
  try {
    const instance = new type() as Holder;
    return { holder: instance, target: instance };
  } catch (error) {
    return { code: 'EVALUATION', message: `its default-exported class ${type.name} failed when constructed with no arguments: ${(error as Error).message}` };
  }
}

/** Finds `init` (the method marked `@modelInit`, else `init`) and `run` in a script's exports. */
export function shapeOf(exports: unknown): ScriptShape | ScriptProblem {
  const found = holderOf(exports);
  if ('code' in found) return found;
  const { holder, target } = found;
  const run = holder.run;
  if (typeof run !== 'function') {
    return NO_RUN;
  }
  const methods = methodsOf(holder);
  const misplaced = misplacedDeclaration(methods, run);
  if (misplaced) return misplaced;
  const marked = [...methods.keys()].filter((fn) => hasFlag(fn, MODEL_INIT));
  if (marked.length > 1) {
    return { code: 'CONTRACT', method: 'init', message: `has ${marked.length} @modelInit methods (${marked.map((fn) => fn.name).join(', ')}); it may have one` };
  }
  const init = marked[0] ?? holder.init;
  if (typeof init !== 'function') {
    return { code: 'CONTRACT', method: 'init', message: 'has no init function: export an init function (or give the default class or instance an init method, or mark one @modelInit)' };
  }
  return { init, run, target, initTakesModelDir: hasFlag(init, MODEL_INIT) };
}
