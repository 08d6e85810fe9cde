import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseTsconfig } from 'get-tsconfig';
import type { DecoratorMode } from './lower-decorators.js';

/** The `tsconfig.json` nearest to a directory (it, then each parent), or undefined. */
export function nearestTsconfig(dir: string): string | undefined {
  for (; ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The decorator mode a tsconfig selects: `legacy` when it (or a config it extends) sets
 * `experimentalDecorators`, else TC39. No tsconfig, or one that cannot be read, means TC39, as for tsx.
 *
 * @example
 * decoratorModeOf('test/fixtures/legacy/tsconfig.json'); // 'legacy'
 */
export function decoratorModeOf(tsconfig: string | false | undefined): DecoratorMode {
  if (!tsconfig) return 'tc39';
  try {
    return parseTsconfig(tsconfig).compilerOptions?.experimentalDecorators === true ? 'legacy' : 'tc39';
  } catch {
    return 'tc39';
  }
}
