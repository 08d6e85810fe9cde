import { normalizePathPrefix, OPENAPI_VERSION_ALIASES, parseOpenApiVersion, serviceInfoFromEnv, versionName } from '@inferschema/openapi';

describe('serviceInfoFromEnv', () => {
  it('uses the Azure ML defaults when nothing is set', () => {
    expect(serviceInfoFromEnv({})).toEqual({ title: 'ML service', serviceVersion: '1.0', pathPrefix: '' });
  });

  it('reads SERVICE_NAME, SERVICE_VERSION and SERVICE_PATH_PREFIX', () => {
    const env = { SERVICE_NAME: 'housing', SERVICE_VERSION: '3.2', SERVICE_PATH_PREFIX: 'api/v1/' };
    expect(serviceInfoFromEnv(env)).toEqual({ title: 'housing', serviceVersion: '3.2', pathPrefix: '/api/v1' });
    expect(env).toEqual({ SERVICE_NAME: 'housing', SERVICE_VERSION: '3.2', SERVICE_PATH_PREFIX: 'api/v1/' });
  });

  it('keeps the defaults for empty variables', () => {
    expect(serviceInfoFromEnv({ SERVICE_NAME: '', SERVICE_VERSION: '', SERVICE_PATH_PREFIX: '' })).toEqual({
      title: 'ML service',
      serviceVersion: '1.0',
      pathPrefix: '',
    });
  });

  it.each([
    ['test', '/test'],
    ['/test/', '/test'],
    ['///', ''],
    ['a/b', '/a/b'],
  ])('normalizes the prefix %j to %j', (prefix, expected) => {
    expect(normalizePathPrefix(prefix)).toBe(expected);
  });
});

describe('document versions', () => {
  it.each([
    ['2', '2.0'],
    ['2.0', '2.0'],
    ['3', '3.0'],
    ['3.0', '3.0'],
    ['3.1', '3.1'],
  ])('parses %j as %s', (text, version) => {
    expect(parseOpenApiVersion(text)).toBe(version);
  });

  it.each(['', '3.2', '4', ' 3', '3.1.0', 'toString', '__proto__'])('does not parse %j', (text) => {
    expect(parseOpenApiVersion(text)).toBeUndefined();
  });

  it('lists the aliases in order and names the versions', () => {
    expect(OPENAPI_VERSION_ALIASES).toEqual(['2', '2.0', '3', '3.0', '3.1']);
    expect(['2.0', '3.0', '3.1'].map((version) => versionName(version as '2.0'))).toEqual([
      'Swagger 2.0',
      'OpenAPI 3.0',
      'OpenAPI 3.1',
    ]);
  });
});
