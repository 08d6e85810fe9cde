import { hasBrand, setBrand } from './brand.js';
const BRAND = Symbol.for('inferschema.ScriptLoadError');

/** Why an entry script could not be loaded. */
export type ScriptLoadErrorCode =
  /** The file does not exist. */
  | 'NOT_FOUND'
  /** The script imports a package that is not installed; `packageName` says which. */
  | 'MISSING_PACKAGE'
  /** The script threw, or has a syntax error, while it was evaluated. */
  | 'EVALUATION'
  /** The script does not keep the entry-script contract (init, run, decorators). */
  | 'CONTRACT';

/** What went wrong, before the loader names the script. */
export interface ScriptProblem {
  readonly code: ScriptLoadErrorCode;
  readonly message: string;
  /** The script's method the problem is in: `init`, `run`, or a decorated method the loader never calls. */
  readonly method?: string;
  /** The parameter of that method the problem is about. */
  readonly parameter?: string;
  readonly packageName?: string;
}

/**
 * Thrown by `loadScoringScript` when a script cannot be used. The message names the script, and the method
 * and parameter when the problem is in one; `code` tells a tool (the CLI's `check`) what kind of problem it is.
 * `instanceof` works across copies of this package.
 *
 * @example
 * try { await loadScoringScript('score.ts') } catch (error) {
 *   if (error instanceof ScriptLoadError && error.code === 'MISSING_PACKAGE') console.log(`npm install ${error.packageName}`);
 * }
 */
export class ScriptLoadError extends Error {
  override readonly name = 'ScriptLoadError';
  readonly script: string;
  readonly code: ScriptLoadErrorCode;
  readonly method: string | undefined;
  readonly parameter: string | undefined;
  readonly packageName: string | undefined;

  constructor(script: string, problem: ScriptProblem, options?: { cause?: unknown }) {
    super(`Entry script ${script}: ${problem.message}`, options);
    this.script = script;
    this.code = problem.code;
    this.method = problem.method;
    this.parameter = problem.parameter;
    this.packageName = problem.packageName;
    setBrand(this, BRAND);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, BRAND);
  }
}
