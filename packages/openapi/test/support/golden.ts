import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serializeDocument } from '@inferschema/openapi';

/**
 * Compares `text` with the golden file at `path` byte for byte. A missing golden file fails (a test that wrote
 * it would pass without checking anything); `UPDATE_GOLDEN=1` writes the files instead; review the diff before
 * committing it.
 */
export function expectGoldenText(path: string, text: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, text);
  if (!existsSync(path)) throw new Error(`No golden file ${path}: run the tests with UPDATE_GOLDEN=1 to write it`);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** Compares a document, serialized, with `test/golden/<name>` (see {@link expectGoldenText}). */
export function expectGolden(name: string, document: unknown): void {
  expectGoldenText(fileURLToPath(new URL(`../golden/${name}`, import.meta.url)), serializeDocument(document));
}
