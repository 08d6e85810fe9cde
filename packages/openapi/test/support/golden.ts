import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serializeDocument } from '@inferschema/openapi';

/**
 * Compares a document, serialized, with `test/golden/<name>` byte for byte. `UPDATE_GOLDEN=1` (or a missing
 * file) writes it instead; review the diff before committing it.
 */
export function expectGolden(name: string, document: unknown): void {
  const path = fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
  const text = serializeDocument(document);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}
