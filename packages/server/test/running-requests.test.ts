import { RunningRequests, type RunningRequest } from '../src/process/running-requests.js';

function request(requestId: string, done = false) {
  const sent: unknown[][] = [];
  const entry: RunningRequest & { sent: unknown[][] } = {
    requestId,
    done,
    sent,
    runningBefore: undefined,
    runningAfter: undefined,
    send: (...args: unknown[]) => void sent.push(args),
  };
  return entry;
}

describe('RunningRequests', () => {
  it('lists the running requests oldest first; end removes one from anywhere, once', () => {
    const running = new RunningRequests();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => request(id));
    for (const entry of [a!, b!, c!, d!]) running.begin(entry);
    running.end(b!);
    expect(running.ids()).toEqual(['a', 'c', 'd']);
    running.end(b!);
    running.end(a!);
    running.end(d!);
    expect(running.ids()).toEqual(['c']);
    expect(running.size).toBe(1);
    running.end(c!);
    expect(running.size).toBe(0);
    expect(running.ids()).toEqual([]);
    running.begin(a!);
    expect(running.ids(0)).toEqual([]);
    expect(running.ids()).toEqual(['a']);
  });

  it('answerAll answers each unanswered request once with the status, { message } and x-ms-run-function-failed: True', () => {
    const running = new RunningRequests();
    const waiting = request('waiting');
    const answered = request('answered', true);
    running.begin(waiting);
    running.begin(answered);
    expect(running.answerAll(500, 'The server is shutting down.')).toBe(1);
    expect(waiting.sent).toEqual([[500, 'application/json; charset=utf-8', '{"message":"The server is shutting down."}', ['x-ms-run-function-failed', 'True']]]);
    expect(answered.sent).toEqual([]);
    expect(running.size).toBe(0);
    running.end(waiting);
    expect(running.size).toBe(0);
  });
});
