import { basename, extname } from 'node:path';

/**
 * The name a model is served and documented under when none is given: its script's file name without the
 * extension (the server's routes and the service documents both use it).
 *
 * @example
 * modelNameOf('examples/regression/score.ts'); // 'score'
 */
export function modelNameOf(scriptPath: string): string {
  return basename(scriptPath, extname(scriptPath));
}
