import { setImmediate as nextTurn } from 'node:timers/promises';
import { TurnWrites } from '../src/http/turn-writes.js';

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
});
