/**
 * Node module hooks (registered with `module.register` by the loader) that lower the decorators of JavaScript
 * ES modules. `tsc` keeps TC39 decorator syntax at its default `target: esnext`, and Node 20 cannot parse it;
 * tsx lowers decorators only in TypeScript files. The mode comes from the `inferschema-decorators` query of
 * the entry script's URL, else from the nearest `tsconfig.json`'s `experimentalDecorators`.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DECORATOR_MODE_PARAMETER } from './decorator-mode-parameter.js';
import { hasDecoratorSyntax, lowerDecorators, type DecoratorMode } from './lower-decorators.js';
import { decoratorModeOf, nearestTsconfig } from './tsconfig.js';

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: object) => Promise<LoadResult>;

const JAVASCRIPT = /\.m?js$/;

function modeFor(url: URL): DecoratorMode {
  const given = url.searchParams.get(DECORATOR_MODE_PARAMETER);
  if (given === 'legacy' || given === 'tc39') return given;
  return decoratorModeOf(nearestTsconfig(dirname(fileURLToPath(url))));
}

export async function load(url: string, context: object, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (result.format !== 'module' || result.source == null || !url.startsWith('file:')) return result;
  const parsed = new URL(url);
  if (!JAVASCRIPT.test(parsed.pathname) || parsed.pathname.includes('/node_modules/')) return result;
  const source = typeof result.source === 'string' ? result.source : new TextDecoder().decode(result.source as Uint8Array);
  if (!hasDecoratorSyntax(source)) return result;
  return { ...result, source: await lowerDecorators(source, fileURLToPath(parsed), modeFor(parsed)) };
}
