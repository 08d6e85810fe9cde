import { existsSync, statSync } from 'node:fs';
import { register as registerHooks } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register, type NamespacedUnregister } from 'tsx/esm/api';
import { DECORATOR_MODE_PARAMETER } from './decorator-mode-parameter.js';
import { ScriptLoadError, type ScriptProblem } from './script-load-error.js';
import { decoratorModeOf, nearestTsconfig } from './tsconfig.js';

const BARE_SPECIFIER = /^(?![./]|file:|node:|data:)((?:@[^/]+\/)?[^/]+)/;
const MISSING = /Cannot find (?:package|module) '([^']+)'/;

/** Turns an import failure into a problem: a missing package is named, anything else is an evaluation error. */
export function importProblem(error: unknown): ScriptProblem {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const specifier = MISSING.exec(message)?.[1];
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && specifier) {
    const packageName = BARE_SPECIFIER.exec(specifier)?.[1];
    if (packageName) {
      return {
        code: 'MISSING_PACKAGE',
        packageName,
        message: `imports the package '${packageName}', which is not installed (npm install ${packageName})`,
      };
    }
    return { code: 'EVALUATION', message: `imports ${specifier}, which does not exist` };
  }
  return { code: 'EVALUATION', message: `failed while loading: ${message}` };
}

/** One tsx namespace per tsconfig: the modules an entry script imports are loaded once per namespace. */
const importers = new Map<string | false, NamespacedUnregister>();
let loads = 0;

let decoratorHooks = false;

function importerFor(tsconfig: string | false): NamespacedUnregister {
  if (!decoratorHooks) {
    registerHooks(new URL('./decorator-hooks.js', import.meta.url));
    decoratorHooks = true;
  }
  let importer = importers.get(tsconfig);
  if (!importer) {
    importer = register({ namespace: `inferschema-${importers.size + 1}`, tsconfig });
    importers.set(tsconfig, importer);
  }
  return importer;
}

/**
 * Imports an entry script with no build step: `.ts`, `.mts`, `.cts`, `.js`, `.mjs` and `.cjs`, through tsx
 * (esbuild). Each load evaluates the script afresh (the modules it imports are shared, as Python shares
 * `sys.modules`; CommonJS scripts follow Node's require cache). The script is compiled with its nearest
 * `tsconfig.json` (unless `tsconfig` says otherwise), so `experimentalDecorators` there selects legacy
 * decorators; without it, decorators are TC39 standard decorators. Decorators left in JavaScript ES modules
 * (`tsc` output at `target: esnext`) are lowered the same way (see `decorator-hooks.ts`).
 *
 * @throws ScriptLoadError when the file is missing, imports a missing package, or fails while evaluated.
 */
export async function importScript(scriptPath: string, tsconfig?: string | false): Promise<unknown> {
  if (!existsSync(scriptPath) || !statSync(scriptPath).isFile()) {
    throw new ScriptLoadError(scriptPath, { code: 'NOT_FOUND', message: 'does not exist (or is not a file)' });
  }
  const config = tsconfig ?? process.env.TSX_TSCONFIG_PATH ?? nearestTsconfig(dirname(scriptPath)) ?? false;
  const url = `${pathToFileURL(scriptPath).href}?inferschema-load=${++loads}&${DECORATOR_MODE_PARAMETER}=${decoratorModeOf(config)}`;
  try {
    return await importerFor(config).import(url, import.meta.url);
  } catch (error) {
    throw new ScriptLoadError(scriptPath, importProblem(error), { cause: error });
  }
}
