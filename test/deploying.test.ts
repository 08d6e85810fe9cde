// docs/deploying.md: the KServe InferenceService manifest and the Dockerfile it runs. No container or cluster
// runs here, so this checks their structure, and that every flag, port, path and probe they name is one that
// `inferschema serve` has and answers as the manifest expects.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from '@inferschema/server';
import { createProgram } from 'inferschema';
import { parseAllDocuments } from 'yaml';
import { inferenceClient } from '../packages/server/test/grpc/support/inference-client.js';
import { freePorts, startServe } from '../packages/server/test/support/process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const KSERVE = join(ROOT, 'deploy', 'kserve');

interface Instruction {
  readonly keyword: string;
  readonly argument: string;
  /** 0 for the first stage. */
  readonly stage: number;
}

/** The Dockerfile's instructions (comments and blank lines left out; it uses no line continuations). */
function dockerInstructions(text: string): Instruction[] {
  let stage = -1;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => {
      const [, keyword, argument] = /^(\w+)\s+(.*)$/.exec(line.trim())!;
      if (keyword!.toUpperCase() === 'FROM') stage += 1;
      return { keyword: keyword!.toUpperCase(), argument: argument!, stage };
    });
}

const instructions = dockerInstructions(readFileSync(join(KSERVE, 'Dockerfile'), 'utf8'));
const all = (keyword: string) => instructions.filter((instruction) => instruction.keyword === keyword);
const entrypoint = JSON.parse(all('ENTRYPOINT')[0]!.argument) as string[];
/** The value the entrypoint gives a flag. */
const flag = (name: string) => entrypoint[entrypoint.indexOf(name) + 1]!;

const manifests = parseAllDocuments(readFileSync(join(KSERVE, 'inference-service.yaml'), 'utf8')).map((document) => {
  expect(document.errors).toEqual([]);
  return document.toJS() as any;
});

const serveCommand = createProgram().commands.find((command) => command.name() === 'serve')!;

/** Checks a command line's flags against `inferschema serve`'s own definitions, parsing each value with its parser. */
function expectServeArguments(args: readonly string[]): void {
  const positional: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const option = serveCommand.options.find((candidate) => candidate.long === arg);
    expect(option, `inferschema serve has ${arg}`).toBeDefined();
    if (option!.required) {
      const value = args[++index]!;
      expect(() => option!.parseArg?.(value, undefined)).not.toThrow();
    }
  }
  expect(positional.length).toBeLessThanOrEqual(1);
}

describe('deploy/kserve/Dockerfile', () => {
  it('builds in two stages on Node 20: production dependencies with npm ci, then the app as an unprivileged user', () => {
    const from = all('FROM');
    expect(from).toHaveLength(2);
    expect(from.every((instruction) => /^node:20[-.\w]*(\s+AS\s+\w+)?$/i.test(instruction.argument))).toBe(true);
    expect(all('RUN').filter((instruction) => instruction.stage === 0).map((instruction) => instruction.argument)).toEqual([
      'npm ci --omit=dev --no-audit --no-fund',
    ]);
    const final = instructions.filter((instruction) => instruction.stage === 1);
    expect(final.some((instruction) => instruction.keyword === 'RUN')).toBe(false);
    const user = final.filter((instruction) => instruction.keyword === 'USER').map((instruction) => instruction.argument);
    expect(user).toEqual(['node']);
    expect(final.map((instruction) => instruction.keyword).at(-1)).toBe('ENTRYPOINT');
  });

  it('copies the lockfile with package.json, the built dependencies and the entry script', () => {
    expect(all('COPY').map((instruction) => instruction.argument)).toEqual([
      'package.json package-lock.json ./',
      '--from=dependencies /app/node_modules ./node_modules',
      'package.json score.ts ./',
    ]);
  });

  it('runs the installed inferschema launcher in exec form (node is PID 1 and receives SIGTERM)', () => {
    const cli = createRequire(import.meta.url)('inferschema/package.json') as { bin: Record<string, string>; files: string[] };
    expect(entrypoint.slice(0, 4)).toEqual(['node', `node_modules/inferschema/${cli.bin.inferschema!.replace(/^\.\//, '')}`, 'serve', 'score.ts']);
    expect(cli.files).toContain('bin');
  });

  it('serves REST on 8080 and gRPC on 8081 on every interface, with the model from /mnt/models: flags serve knows', () => {
    expectServeArguments(entrypoint.slice(3));
    expect([flag('--host'), flag('--port'), flag('--grpc-port'), flag('--model-dir')]).toEqual(['0.0.0.0', '8080', '8081', '/mnt/models']);
    expect(all('EXPOSE').flatMap((instruction) => instruction.argument.split(/\s+/))).toEqual([flag('--port'), flag('--grpc-port')]);
  });
});

describe('deploy/kserve/inference-service.yaml', () => {
  it('holds two KServe v1beta1 InferenceServices with valid names, each one custom container of the same image', () => {
    expect(manifests).toHaveLength(2);
    for (const manifest of manifests) {
      expect(Object.keys(manifest).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
      expect([manifest.apiVersion, manifest.kind]).toEqual(['serving.kserve.io/v1beta1', 'InferenceService']);
      expect(manifest.metadata.name).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
      expect(Object.keys(manifest.spec)).toEqual(['predictor']);
      expect(manifest.spec.predictor.containers).toHaveLength(1);
      const [container] = manifest.spec.predictor.containers;
      expect(container.name).toBe('kserve-container');
      expect(container.image).toBe(manifests[0].spec.predictor.containers[0].image);
      expectServeArguments(container.args ?? []);
      expect(container.env).toContainEqual({ name: 'STORAGE_URI', value: expect.stringMatching(/^[a-z0-9]+:\/\//) });
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits).toBeDefined();
    }
  });

  it('exposes one port each: REST as http1 on --port, gRPC as h2c on --grpc-port', () => {
    const ports = manifests.map((manifest) => manifest.spec.predictor.containers[0].ports);
    expect(ports).toEqual([
      [{ name: 'http1', containerPort: Number(flag('--port')), protocol: 'TCP' }],
      [{ name: 'h2c', containerPort: Number(flag('--grpc-port')), protocol: 'TCP' }],
    ]);
  });

  it('probes readiness (and the REST service liveness) on the REST port, on the OIP health routes', () => {
    for (const manifest of manifests) {
      const { readinessProbe, livenessProbe } = manifest.spec.predictor.containers[0];
      expect(readinessProbe.httpGet).toEqual({ path: '/v2/health/ready', port: Number(flag('--port')) });
      if (livenessProbe) expect(livenessProbe.httpGet).toEqual({ path: '/v2/health/live', port: Number(flag('--port')) });
    }
    expect(manifests[0].spec.predictor.containers[0].livenessProbe).toBeDefined();
  });

  it('both pass the same --model-name, which the REST and gRPC services then answer to', async () => {
    const args = manifests.map((manifest) => manifest.spec.predictor.containers[0].args);
    expect(args[0]).toEqual(args[1]);
    expect(args[0]).toEqual(['--model-name', manifests[0].metadata.name]);
  });

  it("the image's command with the manifest's args serves (host, ports and folders swapped for this machine's)", async () => {
    const [port, grpcPort] = await freePorts(2);
    const local: Record<string, string> = {
      'score.ts': join(ROOT, 'examples/getting-started/score.ts'),
      '0.0.0.0': '127.0.0.1',
      [flag('--port')]: String(port),
      [flag('--grpc-port')]: String(grpcPort),
      [flag('--model-dir')]: join(ROOT, 'examples/getting-started/model'),
    };
    const container = manifests[0].spec.predictor.containers[0];
    const command = [...entrypoint.slice(3), ...container.args].map((arg) => local[arg] ?? arg);
    const served = startServe(command, { INFERSCHEMA_LOG_LEVEL: 'info' });
    const client = inferenceClient(grpcPort);
    try {
      await served.waitForLog((line) => line.msg === 'init() finished: ready for traffic', 60_000);
      const name = manifests[0].metadata.name;
      expect((await fetch(`http://127.0.0.1:${port}${container.readinessProbe.httpGet.path}`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/v2/models/${name}`)).status).toBe(200);
      expect(await client.call('ModelReady', { name })).toEqual({ ready: true });
    } finally {
      client.close();
      served.child.kill('SIGTERM');
    }
    expect(await served.exited).toBe(0);
  });

  it('the probed routes answer as the manifest expects: live at once, ready only once init() has finished', async () => {
    const server = await createServer(join(ROOT, 'examples/getting-started/score.ts'), {
      modelDir: join(ROOT, 'examples/getting-started/model'),
      port: 0,
      logLevel: 'silent',
    });
    try {
      const url = await server.listen();
      const status = async (path: string) => (await fetch(url + path)).status;
      const [ready, live] = [manifests[0].spec.predictor.containers[0].readinessProbe, manifests[0].spec.predictor.containers[0].livenessProbe];
      expect([await status(live.httpGet.path), await status(ready.httpGet.path)]).toEqual([200, 503]);
      await server.initialize();
      expect([await status(live.httpGet.path), await status(ready.httpGet.path)]).toEqual([200, 200]);
    } finally {
      await server.close();
    }
  });
});
