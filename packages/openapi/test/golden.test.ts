import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenApiVersion } from '@inferschema/core';
import { buildServiceDocument, serializeDocument } from '@inferschema/openapi';
import { SCHEMA_CASES } from './support/schemas.js';

// `UPDATE_GOLDEN=1 npx vitest run packages/openapi` rewrites the files; review the diff before committing it.
const update = process.env.UPDATE_GOLDEN === '1';
const goldenPath = (name: string, version: string) =>
  fileURLToPath(new URL(`golden/${name.toLowerCase().replace(/_/g, '-')}.${version}.json`, import.meta.url));

const cases = Object.entries(SCHEMA_CASES).flatMap(([name, schemas]) =>
  schemas.versions.map((version) => ({ name, version: version as OpenApiVersion, schemas })),
);

describe('golden documents', () => {
  it.each(cases)('$name in $version matches its golden file byte for byte', ({ name, version, schemas }) => {
    const text = serializeDocument(buildServiceDocument(schemas, { version }));
    const path = goldenPath(name, version);
    if (update || !existsSync(path)) writeFileSync(path, text);
    expect(text).toBe(readFileSync(path, 'utf8'));
  });
});
