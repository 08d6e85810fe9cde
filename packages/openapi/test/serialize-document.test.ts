import { buildServiceDocument, serializeDocument } from '@inferschema/openapi';
import { parseJson } from '@inferschema/core';
import { NULLABLE, POWER_BI } from './support/schemas.js';

describe('serializeDocument', () => {
  it('writes two-space JSON with a final newline, the same bytes every time', () => {
    const first = serializeDocument(buildServiceDocument(POWER_BI, { version: '3.1' }));
    const second = serializeDocument(buildServiceDocument(structuredClone(POWER_BI), { version: '3.1' }));
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
    expect(first.startsWith('{\n  "openapi": "3.1.0",\n  "info": {\n')).toBe(true);
  });

  it('writes integers beyond 2^53 exactly, in the same layout as JSON.stringify', () => {
    const text = serializeDocument(buildServiceDocument(NULLABLE, { version: '3.1' }));
    expect(text).toContain('"id": 9007199254740993,');
    const parsed = parseJson(text, { exactIntegers: true }) as { components: { schemas: { ServiceInput: { example: unknown } } } };
    expect(parsed.components.schemas.ServiceInput.example).toEqual({ id: 9007199254740993n, scores: [0.5, null], note: null });
    const withoutBigint = serializeDocument(buildServiceDocument(POWER_BI, { version: '3.1' }));
    expect(withoutBigint).toBe(`${JSON.stringify(buildServiceDocument(POWER_BI, { version: '3.1' }), null, 2)}\n`);
    expect(serializeDocument({ a: [], b: {}, c: [1n] })).toBe('{\n  "a": [],\n  "b": {},\n  "c": [\n    1\n  ]\n}\n');
  });
});
