import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedScript } from './contract.js';
import { importScript } from './import-script.js';
import { planRun } from './run-plan.js';
import { ScoringScript, type ScoringScriptOptions } from './scoring-script.js';
import { ScriptLoadError } from './script-load-error.js';
import { shapeOf } from './script-shape.js';

/** Options of {@link loadScoringScript}. */
export interface LoadScoringScriptOptions extends ScoringScriptOptions {
  /**
   * The tsconfig that compiles the script (its `experimentalDecorators` selects legacy decorators), or
   * `false` for none. Default: `TSX_TSCONFIG_PATH`, else the `tsconfig.json` nearest to the script.
   */
  readonly tsconfig?: string | false;
}

/**
 * Loads an entry script (`.ts`, `.mts`, `.cts`, `.js`, `.mjs` or `.cjs`; no build step), finds its `init`
 * and `run` (exported functions, CommonJS exports, or a default-exported class or instance), and checks the
 * contract: `run`'s parameters, its decorators, and the names `@inputSchema` declares. This is what the CLI
 * and the server call.
 *
 * @throws ScriptLoadError naming the script (and the method and parameter) when anything is wrong.
 * @example
 * const script = await loadScoringScript('examples/regression/score.ts');
 * await script.init('examples/regression/model');
 * await script.invoke({ data: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]] }); // [3726.995]
 */
export async function loadScoringScript(path: string, options: LoadScoringScriptOptions = {}): Promise<LoadedScript> {
  const scriptPath = resolve(path);
  const exports = await importScript(scriptPath, options.tsconfig);
  const shape = shapeOf(exports);
  if ('code' in shape) throw new ScriptLoadError(scriptPath, shape);
  const plan = planRun(shape.run, readFileSync(scriptPath, 'utf8'));
  const [problem] = plan.problems;
  if (problem) throw new ScriptLoadError(scriptPath, problem);
  return new ScoringScript(scriptPath, shape, plan, options);
}
