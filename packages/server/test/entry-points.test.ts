// The root export is what a user serves a script with; configuration parsing is the `./config` subpath.
describe('entry points', () => {
  it('the root exports the serving API and none of the internals', async () => {
    const root = Object.keys(await import('@inferschema/server')).sort();
    expect(root).toEqual([
      'BOOT_FAILURE_EXIT_CODE',
      'CRASH_EXIT_CODE',
      'ConfigurationError',
      'DEFAULT_MAX_BODY_BYTES',
      'LOG_FORMAT_ENV',
      'createServer',
      'logFormatFromEnv',
      'serve',
      'serveOptionsFromEnv',
      'serverOptionsFromEnv',
    ]);
  });

  it('the config subpath holds the option parsing the CLI shares', async () => {
    const config = await import('@inferschema/server/config');
    expect(config.parseInteger('8080', '--port', 0, 65535)).toBe(8080);
    expect(config.parseCorsOrigins('https://a.example,  https://b.example')).toEqual(['https://a.example', 'https://b.example']);
    expect(Object.keys(config)).not.toContain('MESSAGES');
  });
});
