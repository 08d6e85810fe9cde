import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { startTestServer, type TestServer } from './support/harness.js';

const INSTALL_CHROMIUM = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scripts', 'install-chromium.sh');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('GET /docs in a browser', () => {
  let browser: Browser;
  let t: TestServer;
  beforeAll(async () => {
    // Awaited, not execFileSync: apt-get on a fresh machine takes minutes, and vitest's worker must keep reading
    // its messages meanwhile (test/support/event-loop-turns.ts).
    process.stdout.write((await promisify(execFile)('sh', [INSTALL_CHROMIUM], { maxBuffer: 64 * 1024 * 1024 })).stdout);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    t = await startTestServer('schema-script.ts', { serviceName: 'scaler' });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows Swagger UI, from this server only, listing POST /score and its input schema', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${t.url}/docs`);

    const operation = page.locator('.opblock-post', { hasText: '/score' });
    await operation.waitFor({ timeout: 20_000 });
    expect(await page.locator('.info .title').innerText()).toContain('scaler');
    expect(await operation.locator('.opblock-summary-path').innerText()).toBe('/score');

    await operation.locator('.opblock-summary').click();
    await operation.locator('button[data-name="model"]').first().click();
    const schema = operation.locator('.model-box').first();
    await schema.waitFor();
    const text = await schema.innerText();
    expect(text).toContain('ServiceInput');
    expect(text).toMatch(/data\*\s/);
    expect(text).toMatch(/scale\s/);
    expect(text).toContain('"data": [ 1, 2, 3 ], "scale": 2');

    // No API key configured: no Authorize button, no lock icons.
    expect(await page.locator('.auth-wrapper .authorize').count()).toBe(0);
    expect(await page.locator('.authorization__btn').count()).toBe(0);

    expect(requested.length).toBeGreaterThan(3);
    expect(requested.filter((url) => !url.startsWith(t.url))).toEqual([]);
    expect(requested).toContain(`${t.url}/swagger.json?version=3`);
    await page.close();
  });

  it('shows the Authorize button when an API key is configured', async () => {
    const secured = await startTestServer('schema-script.ts', { apiKey: 'docs-key' });
    const page = await browser.newPage();
    try {
      await page.setExtraHTTPHeaders({ authorization: 'Bearer docs-key' });
      await page.goto(`${secured.url}/docs`);
      await page.locator('.opblock-post', { hasText: '/score' }).waitFor({ timeout: 20_000 });
      expect(await page.locator('.auth-wrapper .authorize').count()).toBe(1);
    } finally {
      await page.close();
      await secured.close();
    }
  });
});
