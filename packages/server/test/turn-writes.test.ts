import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TurnWrites } from '../src/http/turn-writes.js';
import { send, startTestServer, type TestServer } from './support/harness.js';
import { metric, until } from './support/polling.js';

describe('TurnWrites', () => {
  it('writes every queued answer once, in order, at the end of the turn (none before)', async () => {
    const writes = new TurnWrites();
    const written: number[] = [];
    for (let index = 0; index < 3; index += 1) writes.add({ write: () => written.push(index) });
    await Promise.resolve();
    expect(written).toEqual([]);
    await nextTurn();
    expect(written).toEqual([0, 1, 2]);
    await nextTurn();
    expect(written).toEqual([0, 1, 2]);
  });

  it('an answer queued while a batch is written goes out in the next turn, not lost', async () => {
    const writes = new TurnWrites();
    const written: string[] = [];
    writes.add({ write: () => (written.push('first'), writes.add({ write: () => written.push('queued meanwhile') })) });
    await nextTurn();
    expect(written).toEqual(['first']);
    await nextTurn();
    expect(written).toEqual(['first', 'queued meanwhile']);
  });

  it('a write that throws costs no other answer: the rest of the turn is written, then its error is thrown', () => {
    const writes = new TurnWrites();
    const written: string[] = [];
    writes.add({ write: () => written.push('first') });
    writes.add({
      write: () => {
        throw new Error('broken write');
      },
    });
    writes.add({ write: () => written.push('third') });
    expect(() => writes.flush()).toThrow('broken write');
    expect(written).toEqual(['first', 'third']);
    writes.add({ write: () => written.push('next turn') });
    writes.flush();
    expect(written).toEqual(['first', 'third', 'next turn']);
  });
});

describe('TurnWrites in the server: one answer whose socket throws among the answers of a turn', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('text-script.ts');
  });
  afterAll(() => t.close());

  it('the others are written intact; the failure is logged with its request id, its connection closed, and the server goes on', async () => {
    const hooks = globalThis as { textScriptAtGate?: number; textScriptGate?: Promise<void> };
    let open!: () => void;
    hooks.textScriptGate = new Promise<void>((resolve) => (open = resolve));
    hooks.textScriptAtGate = 0;
    // Node's own socket of the first request throws when its answer is written, as a socket broken underneath would.
    const breakSocket = (req: IncomingMessage, res: ServerResponse) => {
      if (req.headers['x-request-id'] !== 'broken') return;
      (res.socket as { write: unknown }).write = () => {
        throw new Error('the socket broke underneath');
      };
    };
    t.server.httpServer.on('request', breakSocket);
    const score = (id: string) => send(`${t.url}/score`, { method: 'POST', headers: { 'x-request-id': id }, body: `gate:${id}` });
    try {
      // The three answers are ready in one turn, when the gate opens, the broken one first.
      const broken = score('broken').then(() => 'answered', (error: NodeJS.ErrnoException) => error.code);
      await until(() => hooks.textScriptAtGate === 1, 'the first request to reach the gate');
      const others = [score('second'), score('third')];
      await until(() => hooks.textScriptAtGate === 3, 'all three requests at the gate');
      open();
      const [second, third] = await Promise.all(others);
      expect([second!.status, second!.json]).toEqual([200, { through: 'second' }]);
      expect([third!.status, third!.json]).toEqual([200, { through: 'third' }]);
      expect(await broken).toBe('ECONNRESET');
    } finally {
      open();
      t.server.httpServer.off('request', breakSocket);
    }
    const failure = t.logs().find((line) => line.msg === 'The answer could not be written');
    expect(failure).toMatchObject({ level: 50, requestId: 'broken', err: { message: 'the socket broke underneath' } });
    expect(t.logs().filter((line) => line.msg === 'request completed').map((line) => line.requestId).sort()).toEqual(['broken', 'second', 'third']);
    expect(await metric(t.url, 'inferschema_http_requests_in_flight')).toBe(1);
    expect((await send(`${t.url}/score`, { method: 'POST', body: 'after' })).json).toEqual({ body: 'after', length: 5 });
  });
});
