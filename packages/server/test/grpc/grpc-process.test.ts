import { status } from '@grpc/grpc-js';
import { fixture } from '../support/harness.js';
import { freePorts, isReadyLine, servesKilledAfterEach, type ServeProcess } from '../support/process.js';
import { inferenceClient } from './support/inference-client.js';

// `inferschema serve --grpc-port` as a process: the flag and INFERSCHEMA_GRPC_PORT, and SIGTERM letting an
// in-flight ModelInfer finish before exit 0.

const ready = isReadyLine;
const serveProcess = servesKilledAfterEach({ INFERSCHEMA_LOG_LEVEL: 'info' });

const textRequest = (body: string) => ({
  model_name: 'text-script',
  inputs: [{ name: 'body', datatype: 'BYTES', shape: [1], contents: { bytes_contents: [Buffer.from(body)] } }],
});

describe('inferschema serve --grpc-port (the process)', () => {
  it('serves gRPC on the flag port; on SIGTERM an in-flight call finishes, then new calls fail and the process exits 0', async () => {
    const [port, grpcPort] = await freePorts(2);
    const served = serveProcess([fixture('text-script.ts'), '--port', String(port), '--grpc-port', String(grpcPort)]);
    await served.waitForLog(ready);
    expect(served.logs()).toContainEqual(expect.objectContaining({ msg: 'Open Inference Protocol gRPC service listening', grpcPort }));
    const client = inferenceClient(grpcPort);
    try {
      expect(await client.call('ServerReady')).toEqual({ ready: true });
      const inFlight = client.call('ModelInfer', textRequest('loud-sleep:600'));
      await served.waitForLog((line) => line.msg === 'text-script: sleeping');
      served.child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.outputs.find((output: any) => output.name === 'slept').contents).toMatchObject({ fp64_contents: [600] });
      expect(await served.exited).toBe(0);
      expect((await client.failure('ServerLive')).code).toBe(status.UNAVAILABLE);
    } finally {
      client.close();
    }
  });

  it('reads INFERSCHEMA_GRPC_PORT', async () => {
    const [port, grpcPort] = await freePorts(2);
    const served = serveProcess([fixture('text-script.ts'), '--port', String(port)], { INFERSCHEMA_GRPC_PORT: String(grpcPort) });
    await served.waitForLog(ready);
    const client = inferenceClient(grpcPort);
    try {
      expect(await client.call('ModelReady', { name: 'text-script' })).toEqual({ ready: true });
    } finally {
      client.close();
      served.child.kill('SIGTERM');
    }
    expect(await served.exited).toBe(0);

  });
});
