import { fixture, send, sleep } from './support/harness.js';
import { freePort, isReadyLine, servesKilledAfterEach, type ServeProcess } from './support/process.js';

const ready = isReadyLine;
const serveProcess = servesKilledAfterEach({ INFERSCHEMA_LOG_LEVEL: 'info' });

describe('inferschema serve (the process)', () => {
  it('logs the error and the model directory, then exits 3 without reporting ready, when init fails', async () => {
    const port = await freePort();
    const served = serveProcess([fixture('failing-init-script.ts'), '--model-dir', fixture('failing-model'), '--port', String(port)]);
    expect(await served.exited).toBe(3);
    const failure = served.logs().find((line) => line.level === 60);
    expect(failure).toMatchObject({ err: { message: 'weights.bin is missing' } });
    expect((failure!.err as { stack: string }).stack).toContain('failing-init-script.ts');
    const tree = served.logs().find((line) => Array.isArray(line.tree));
    expect(tree!.tree).toEqual(['failing-model/', '    README.txt', '    weights/', '        config.json']);
    expect(served.logs().some(ready)).toBe(false);
  });

  it('exits 3 when the entry script cannot be loaded', async () => {
    const served = serveProcess([fixture('missing-script.ts'), '--port', String(await freePort())]);
    expect(await served.exited).toBe(3);
    expect(served.output()).toContain('The entry script could not be loaded');
    expect(served.output()).toContain('missing-script.ts');
  });

  it('exits 2 with a message when no script is given', async () => {
    const served = serveProcess([], { AZUREML_ENTRY_SCRIPT: '' });
    expect(await served.exited).toBe(2);
    expect(served.output()).toContain('no entry script');
  });

  it('reads the Azure ML variables, with flags winning over them', async () => {
    const port = await freePort();
    const served = serveProcess(['--port', String(port), '--scoring-timeout-ms', '250'], {
      AZUREML_ENTRY_SCRIPT: 'text-script.ts',
      AML_APP_ROOT: fixture(''),
      SCORING_TIMEOUT_MS: '60000',
      SERVICE_NAME: 'from-env',
    });
    await served.waitForLog(ready);
    const url = `http://127.0.0.1:${port}`;
    expect((await send(`${url}/score`, { method: 'POST', body: 'sleep:1000' })).json).toEqual({ message: 'Scoring timeout after 250 ms' });
    expect((await send(`${url}/swagger.json`)).json.info.title).toBe('from-env');
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
  });

  it('finishes in-flight requests on SIGTERM, refuses new connections, then exits 0', async () => {
    const port = await freePort();
    const served = serveProcess([fixture('text-script.ts'), '--port', String(port)]);
    await served.waitForLog(ready);
    const url = `http://127.0.0.1:${port}`;
    const inFlight = send(`${url}/score`, { method: 'POST', body: 'loud-sleep:800' });
    await served.waitForLog((line) => line.msg === 'text-script: sleeping');
    served.child.kill('SIGTERM');
    await served.waitForLog((line) => String(line.msg).startsWith('Shutting down'));
    await expect(send(`${url}/`)).rejects.toThrow(/ECONNREFUSED/);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ slept: 800 });
    expect(await served.exited).toBe(0);
  });

  it('on SIGINT, answers requests still running when the grace period ends with 500, then exits 0', async () => {
    const port = await freePort();
    const served = serveProcess([fixture('text-script.ts'), '--port', String(port), '--shutdown-grace-ms', '300']);
    await served.waitForLog(ready);
    const inFlight = send(`http://127.0.0.1:${port}/score`, { method: 'POST', body: 'loud-sleep:5000' });
    await served.waitForLog((line) => line.msg === 'text-script: sleeping');
    const signalled = Date.now();
    served.child.kill('SIGINT');
    const answer = await inFlight;
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ message: 'The server is shutting down.' });
    expect(await served.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(3000);
    expect(served.logs().find((line) => String(line.msg).startsWith('Grace period over'))).toMatchObject({ answered500: 1 });
  });

  it('with --workers 2, runs init in each worker and keeps health checks answered while one worker is blocked', async () => {
    const port = await freePort();
    const served = serveProcess([fixture('text-script.ts'), '--port', String(port), '--workers', '2']);
    await served.waitForLog(() => served.logs().filter(ready).length === 2);
    const pids = new Set(served.logs().filter(ready).map((line) => line.pid));
    expect(pids.size).toBe(2);
    const url = `http://127.0.0.1:${port}`;

    const blocked = send(`${url}/score`, { method: 'POST', body: 'block:3000' });
    await sleep(300);
    for (let index = 0; index < 6; index += 1) {
      const started = Date.now();
      const response = await send(`${url}/`);
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    const other = await send(`${url}/score`, { method: 'POST', body: 'pid' });
    expect(other.json.initCalls).toBe(1);
    const blockedResponse = await blocked;
    expect(blockedResponse.status).toBe(200);
    expect(blockedResponse.json.pid).not.toBe(other.json.pid);

    const metrics = await send(`${url}/metrics`);
    expect(metrics.text).toMatch(/inferschema_http_requests_total\{method="POST",route="\/score",status="200"\} 2/);

    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
  });

  it('with --workers 2, stops every worker and exits 3 when init fails', async () => {
    const served = serveProcess([fixture('failing-init-script.ts'), '--model-dir', fixture('failing-model'), '--port', String(await freePort()), '--workers', '2']);
    expect(await served.exited).toBe(3);
    expect(served.output()).toContain('A worker failed to boot');
  });
});
