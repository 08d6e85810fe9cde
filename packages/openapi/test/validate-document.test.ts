import { buildServiceDocument } from '@inferschema/openapi';
import { AZURE_REFERENCE } from './support/schemas.js';
import { componentSchemas, expectValidDocument } from './support/validate-document.js';

// The checks the document tests rely on must fail on broken documents, or a green run would prove nothing.
describe('expectValidDocument rejects broken documents', () => {
  function broken(version: '2.0' | '3.0' | '3.1', change: (schemas: Record<string, any>) => void): object {
    const document = structuredClone(buildServiceDocument(AZURE_REFERENCE, { version }));
    change(componentSchemas(document));
    return document;
  }

  it('a type array in OpenAPI 3.0 (the validators)', async () => {
    const document = broken('3.0', (schemas) => (schemas.ServiceOutput.type = ['array', 'null']));
    await expect(expectValidDocument(document, '3.0')).rejects.toThrow();
  });

  it('a response without a description (the validators)', async () => {
    const document = structuredClone(buildServiceDocument(AZURE_REFERENCE, { version: '3.1' }));
    delete (document.paths!['/score']!.post!.responses!['200'] as { description?: string }).description;
    await expect(expectValidDocument(document, '3.1')).rejects.toThrow();
  });

  it('an unknown keyword in 3.1 (strict Ajv2020; both validators accept it)', async () => {
    await expect(expectValidDocument(broken('3.1', (schemas) => (schemas.ServiceInput.minimun = 1)), '3.1')).rejects.toThrow(
      /ServiceInput does not compile with strict ajv \(3\.1\): strict mode: unknown keyword: "minimun"/,
    );
  });

  it.each(['2.0', '3.0', '3.1'] as const)('an unknown format in %s (strict ajv; both validators accept it)', async (version) => {
    await expect(
      expectValidDocument(broken(version, (schemas) => (schemas.ServiceInput.properties.data.items.format = 'int128')), version),
    ).rejects.toThrow(/unknown format "int128"/);
  });

  it('a 3.1 type that does not exist (strict Ajv2020; both validators accept it)', async () => {
    const document = broken('3.1', (schemas) => (schemas.ServiceOutput.items.type = 'nul'));
    await expect(expectValidDocument(document, '3.1')).rejects.toThrow(/ServiceOutput does not compile/);
  });

  it('an inline schema in the paths (strict ajv)', async () => {
    const document = structuredClone(buildServiceDocument(AZURE_REFERENCE, { version: '3.1' }));
    const health = document.paths!['/']!.get!.responses!['200'] as { content: { 'text/plain': { schema: { format?: string } } } };
    health.content['text/plain'].schema.format = 'int128';
    await expect(expectValidDocument(document, '3.1')).rejects.toThrow(
      /#\/paths\/~1\/get\/responses\/200\/content\/text~1plain\/schema does not compile with strict ajv/,
    );
  });

  it('an example that does not match its schema', async () => {
    const document = broken('3.1', (schemas) => (schemas.ServiceOutput.example = ['x']));
    await expect(expectValidDocument(document, '3.1')).rejects.toThrow(/ServiceOutput's example matches it/);
  });
});
