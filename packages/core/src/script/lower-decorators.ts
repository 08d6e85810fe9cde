import { transform } from 'esbuild';

/** How decorators are lowered: TC39 standard decorators, or TypeScript's `experimentalDecorators`. */
export type DecoratorMode = 'tc39' | 'legacy';

// A decorator at the start of a line (optionally after `export` / `export default`), as `tsc` and formatters
// write them. JSDoc tags (` * @param`) start with `*`, so they do not match.
const DECORATOR_LINE = /^[ \t]*(?:export[ \t]+(?:default[ \t]+)?)?@[A-Za-z_$(]/m;

/**
 * True when JavaScript source has decorator syntax, which Node 20 cannot parse: what `tsc` emits at its
 * default `target: esnext` for TC39 decorators.
 *
 * @example
 * hasDecoratorSyntax('class A {\n  @modelInit\n  init() {}\n}'); // true
 */
export function hasDecoratorSyntax(source: string): boolean {
  return DECORATOR_LINE.test(source);
}

/**
 * Lowers the decorators of an ES module's JavaScript source to plain JavaScript with esbuild (as tsx does for
 * `.ts` files), leaving everything else, imports included, as written. The source map is inline, so stack
 * traces can point at the original lines (`node --enable-source-maps`).
 *
 * @example
 * await lowerDecorators(source, '/app/dist/score.js', 'tc39');
 */
export async function lowerDecorators(source: string, path: string, mode: DecoratorMode): Promise<string> {
  const { code } = await transform(source, {
    // TypeScript's legacy decorators are a TypeScript-only mode in esbuild; JavaScript is valid TypeScript
    // here, and `verbatimModuleSyntax` keeps imports TypeScript would otherwise drop as unused.
    loader: mode === 'legacy' ? 'ts' : 'js',
    tsconfigRaw: mode === 'legacy' ? { compilerOptions: { experimentalDecorators: true, verbatimModuleSyntax: true } } : {},
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcefile: path,
    sourcemap: 'inline',
  });
  return code;
}
