import { fileURLToPath } from 'node:url';

/** The absolute path of a fixture script under `test/fixtures`. */
export function fixture(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/** The fixture model directory: `factor.txt` holds 10. */
export const MODEL_DIR = fixture('model');
