import type { OpenApiVersion } from '@inferschema/core';
import { buildServiceDocument } from '@inferschema/openapi';
import { SCHEMA_CASES } from './support/schemas.js';
import { expectValidDocument } from './support/validate-document.js';

const cases = Object.entries(SCHEMA_CASES).flatMap(([name, schemas]) =>
  schemas.versions.map((version) => ({ name, version, schemas })),
);

describe('every generated document is valid', () => {
  it.each(cases)('$name in $version passes both validators and strict ajv', async ({ schemas, version }) => {
    const document = buildServiceDocument(schemas, { version: version as OpenApiVersion });
    await expectValidDocument(document, version as OpenApiVersion);
  });

  it.each(cases)('$name in $version is valid with a path prefix and service info', async ({ schemas, version }) => {
    const document = buildServiceDocument(schemas, {
      version: version as OpenApiVersion,
      title: 'housing "prices"',
      serviceVersion: '2.5.1',
      pathPrefix: '/api/v1/',
    });
    await expectValidDocument(document, version as OpenApiVersion);
  });
});
