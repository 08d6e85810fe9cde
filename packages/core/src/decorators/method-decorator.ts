import { setFlag } from './metadata.js';

/**
 * A decorator for class methods that works both under TC39 standard decorators (TypeScript 5+ and 7 by
 * default, esbuild, tsx) and under `experimentalDecorators`. It never replaces the method: what it declares is
 * stored on the method function itself.
 */
export interface MethodDecorator {
  /** TC39 standard decorators. */
  (value: Function, context: ClassMethodDecoratorContext<any, any>): void;
  /** `experimentalDecorators`. */
  (target: object, key: string | symbol, descriptor: PropertyDescriptor): void;
}

/** True for the second argument of a TC39 decorator (its context), false for a legacy property key. */
export function isDecoratorContext(value: unknown): value is DecoratorContext {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

/** The method a decorator was applied to, in either decorator mode. */
export function decoratedMethod(label: string, value: unknown, context: unknown, descriptor?: PropertyDescriptor): Function {
  if (isDecoratorContext(context)) {
    if (context.kind === 'method' && typeof value === 'function') return value;
    throw new TypeError(`${label} decorates methods, but '${String(context.name)}' is a ${context.kind}`);
  }
  if (typeof descriptor?.value === 'function') return descriptor.value as Function;
  throw new TypeError(`${label} decorates methods, but '${String(context)}' is not a method`);
}

/**
 * The method's name when a decorator factory's arguments are those of a decorator application, i.e. it was
 * written bare (`@inputSchema` instead of `@inputSchema('name', type)`): TC39 passes (method, context), legacy
 * decorators (prototype, key, descriptor).
 */
export function bareApplication(args: ArrayLike<unknown>): string | undefined {
  const [first, second, third] = Array.from(args);
  if (typeof first === 'function' && isDecoratorContext(second)) return String(second.name);
  const legacy = typeof first === 'object' && first !== null && (typeof second === 'string' || typeof second === 'symbol');
  if (legacy && typeof third === 'object' && third !== null && 'value' in third) return String(second);
  return undefined;
}

/** Builds a dual-mode method decorator from what it does to the method function. */
export function methodDecorator(label: string, apply: (method: Function) => void): MethodDecorator {
  return function decorate(value: unknown, context: unknown, descriptor?: PropertyDescriptor): void {
    apply(decoratedMethod(label, value, context, descriptor));
  } as MethodDecorator;
}

/**
 * Marks a function with a flag, used both ways: `flag(fn)` marks a plain function and returns it; as a method
 * decorator (either mode) it marks the method.
 */
export function markFunctionOrMethod(label: string, key: symbol, args: readonly unknown[]): unknown {
  if (args.length === 0) throw new TypeError(`@${label} takes no arguments: write @${label}, not @${label}()`);
  if (args.length === 1) {
    const [fn] = args;
    if (typeof fn !== 'function') throw new TypeError(`${label}(fn): fn must be a function`);
    setFlag(fn, key);
    return fn;
  }
  setFlag(decoratedMethod(`@${label}`, args[0], args[1], args[2] as PropertyDescriptor | undefined), key);
  return undefined;
}
