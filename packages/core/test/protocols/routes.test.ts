import { allowedMethods, AZURE_ROUTES, errorBodyOf, OPS_ROUTES, type RouteDeclaration } from '@inferschema/core/protocols';

const ALL: readonly RouteDeclaration[] = [...AZURE_ROUTES, ...OPS_ROUTES];

describe('the route table', () => {
  it('declares each route once: unique ids, and one declaration per method and path', () => {
    expect(new Set(ALL.map((route) => route.id)).size).toBe(ALL.length);
    expect(new Set(ALL.map((route) => `${route.method} ${route.path}`)).size).toBe(ALL.length);
  });

  it('exempts exactly the health probes from the API key, and logs probes and scrapes at debug', () => {
    expect(ALL.filter((route) => route.auth === 'exempt').map((route) => route.path)).toEqual(['/', '/v2/health/live', '/v2/health/ready']);
    expect(ALL.filter((route) => route.logLevel === 'debug').map((route) => route.path)).toEqual(['/', '/v2/health/live', '/v2/health/ready', '/metrics']);
  });

  it('documents POST /score, GET / and GET /swagger.json with the Azure template operation ids', () => {
    const documented = ALL.filter((route) => route.documented).map((route) => [route.method, route.path, route.operationId]);
    expect(documented).toEqual([
      ['GET', '/', 'ServiceHealthCheck'],
      ['POST', '/score', 'RunMLService'],
      ['GET', '/swagger.json', 'GetSwaggerSpec'],
    ]);
  });

  it('lists each path’s methods in declaration order with HEAD after GET and OPTIONS, unless declared', () => {
    const table = allowedMethods(ALL);
    expect(table.get('/')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(table.get('/score')).toEqual(['GET', 'POST', 'OPTIONS', 'HEAD']);
    expect(table.get('/docs/:asset')).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });
});

describe('errorBodyOf', () => {
  it('writes each protocol’s own error body', () => {
    const issues = [{ path: '/data/0', message: 'must be a number' }];
    expect(errorBodyOf('azure', 'bad input', issues)).toEqual({ message: 'bad input', errors: issues });
    expect(errorBodyOf('ops', 'not ready')).toEqual({ message: 'not ready' });
    expect(errorBodyOf('oip', 'unknown model', issues)).toEqual({ error: 'unknown model' });
  });
});
