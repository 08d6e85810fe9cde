import type { OpenApiVersion } from '@inferschema/core';
import { buildServiceDocument } from '@inferschema/openapi';
import { expectGolden } from './support/golden.js';
import { SCHEMA_CASES } from './support/schemas.js';

// `UPDATE_GOLDEN=1 npx vitest run packages/openapi` rewrites the files; review the diff before committing it.
const cases = Object.entries(SCHEMA_CASES).flatMap(([name, schemas]) =>
  schemas.versions.map((version) => ({ name, version: version as OpenApiVersion, schemas })),
);

describe('golden documents', () => {
  it.each(cases)('$name in $version matches its golden file byte for byte', ({ name, version, schemas }) => {
    expectGolden(`${name.toLowerCase().replace(/_/g, '-')}.${version}.json`, buildServiceDocument(schemas, { version }));
  });
});
