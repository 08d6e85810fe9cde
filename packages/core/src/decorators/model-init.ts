import { MODEL_INIT } from './metadata.js';
import { markFunctionOrMethod } from './method-decorator.js';

/**
 * Marks the method (or function) the runtime calls once, before any request, with the model directory. The
 * runtime also sets `AZUREML_MODEL_DIR` to that directory, for code written the Azure way. Use it as a method
 * decorator in either decorator mode, or wrap a plain function.
 *
 * @example
 * class CodeCompletion {
 *   @modelInit async init(modelDir: string) { this.model = await load(modelDir); }
 *   run(body: string) { return this.model.complete(JSON.parse(body)); }
 * }
 * // or, without a class:
 * export const init = modelInit(async (modelDir: string) => { model = await load(modelDir); });
 */
export function modelInit<F extends (modelDir: string) => unknown>(init: F): F;
export function modelInit<F extends (modelDir: string) => unknown>(value: F, context: ClassMethodDecoratorContext<any, F>): void;
export function modelInit<F extends (modelDir: string) => unknown>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<F>): void;
export function modelInit(...args: unknown[]): unknown {
  return markFunctionOrMethod('modelInit', MODEL_INIT, args);
}
