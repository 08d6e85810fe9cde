import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, serverOptionsFromEnv } from '@inferschema/server';
import { MESSAGES } from '../../src/http/messages.js';
import { modelDirectoryTree } from '../../src/process/model-tree.js';
import { fixture, send, startTestServer } from '../support/harness.js';
import { freePort, servesKilledAfterEach, type ServeProcess } from '../support/process.js';

// Less in the logs and the process list (docs/reliability.md, section 5).
const completed = (line: Record<string, unknown>) => line.msg === 'request completed';

describe('the request log line', () => {
  it('has the path without the query string by default, and with it when logQueryString is on', async () => {
    for (const [logQueryString, expected] of [
      [false, '/score'],
      [true, '/score?token=s3cret&x=1'],
    ] as const) {
      const t = await startTestServer('text-script.ts', { logQueryString });
      try {
        expect((await send(`${t.url}/score?token=s3cret&x=1`, { headers: { 'x-request-id': 'q1' } })).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(t.logs().find(completed)).toMatchObject({ requestId: 'q1', url: expected });
        if (!logQueryString) expect(JSON.stringify(t.logs())).not.toContain('s3cret');
      } finally {
        await t.close();
      }
    }
  });

  it('INFERSCHEMA_LOG_QUERY_STRING is a yes/no variable', () => {
    expect(serverOptionsFromEnv({ INFERSCHEMA_LOG_QUERY_STRING: 'true' })).toEqual({ logQueryString: true });
    expect(serverOptionsFromEnv({ INFERSCHEMA_LOG_QUERY_STRING: '0' })).toEqual({ logQueryString: false });
    expect(() => serverOptionsFromEnv({ INFERSCHEMA_LOG_QUERY_STRING: 'maybe' })).toThrow(ConfigurationError);
  });
});

describe('request ids and TraceId longer than 100 characters', () => {
  it('are refused with 400 and the JSON message; 100 characters are echoed', async () => {
    const t = await startTestServer('text-script.ts');
    try {
      const long = await send(`${t.url}/score`, { method: 'POST', headers: { traceid: 't'.repeat(101) }, body: 'x' });
      expect(long.status).toBe(400);
      expect(long.json).toEqual({ message: MESSAGES.traceIdTooLong });
      expect(long.headers.traceid).toBeUndefined();
      expect((await send(`${t.url}/score`, { method: 'POST', headers: { 'x-request-id': 'r'.repeat(101) }, body: 'x' })).status).toBe(400);
      const fits = await send(`${t.url}/score`, { method: 'POST', headers: { traceid: 't'.repeat(100) }, body: 'x' });
      expect(fits.status).toBe(200);
      expect(fits.headers.traceid).toBe('t'.repeat(100));
    } finally {
      await t.close();
    }
  });
});

describe('the model directory listing', () => {
  it('does not follow symbolic links out of the model directory, and lists a loop once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'inferschema-tree-'));
    const model = join(root, 'model');
    mkdirSync(join(model, 'weights'), { recursive: true });
    writeFileSync(join(model, 'weights', 'w.bin'), 'x');
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'private-key.pem'), 'secret');
    symlinkSync(join(root, 'outside'), join(model, 'escape'));
    symlinkSync('/etc', join(model, 'etc'));
    symlinkSync(join(model, 'weights'), join(model, 'weights', 'again'));
    symlinkSync(join(model, 'missing'), join(model, 'broken'));
    expect(await modelDirectoryTree(model)).toEqual([
      'model/',
      '    broken -> (broken link)',
      '    escape -> (outside the model directory)',
      '    etc -> (outside the model directory)',
      '    weights/',
      '        again/',
      '        w.bin',
    ]);
  });
});

describe('the process (inferschema serve)', () => {
  const serve = servesKilledAfterEach();

  it('--api-key-file: the key is required, and it is not in the process list', async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'inferschema-key-')), 'api-key');
    writeFileSync(keyFile, 'k3y-from-a-file\n');
    const port = await freePort();
    const served = serve([fixture('text-script.ts'), '--port', String(port), '--api-key-file', keyFile]);
    await served.waitForLog((line) => line.msg === 'init() finished: ready for traffic');
    const url = `http://127.0.0.1:${port}/score`;
    expect((await send(url, { method: 'POST', body: 'x' })).status).toBe(401);
    expect((await send(url, { method: 'POST', body: 'x', headers: { authorization: 'Bearer k3y-from-a-file' } })).status).toBe(200);
    expect(readFileSync(`/proc/${served.child.pid}/cmdline`, 'utf8')).not.toContain('k3y');
    expect(served.output()).not.toContain('k3y');
  }, 30_000);

  it('a port already in use: exit 4 (the command checks the port first) without listing the model directory (the listing is for init failures)', async () => {
    const blocker = createNetServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const served = serve([fixture('text-script.ts'), '--port', String(port), '--model-dir', fixture('model')]);
      expect(await served.exited).toBe(4);
      expect(served.output()).toContain(`port ${port} is already in use`);
      expect(served.output()).not.toContain('Model directory contents');
    } finally {
      blocker.close();
    }
  }, 30_000);
});
