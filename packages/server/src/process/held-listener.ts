import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:net';

/**
 * Keeping the port open while no worker is alive. Node's cluster closes a shared listening socket when the last
 * worker using it exits, so clients would get "connection refused" until a new worker listens. Instead, the
 * first worker that listens sends its socket's handle to the primary, which keeps it (a second descriptor of
 * the same listening socket, never accepted on in the primary): while no worker is alive, the kernel keeps
 * completing connections into the listen backlog, and a new worker takes the primary's handle and starts
 * accepting them.
 */

const WANT = 'inferschema:want-listener';
const OFFER = 'inferschema:listener';
const HOLD = 'inferschema:hold-listener';

interface Message {
  readonly type?: string;
}

/** A listening socket's native handle, as IPC carries it. */
export type ListenerHandle = object & { close?(): void };

/** In the cluster primary: answers workers that ask for the held listener, and keeps the first one offered. */
export function holdListener(): { readonly held: boolean } {
  let held: ListenerHandle | undefined;
  cluster.on('message', (worker: Worker, message: Message, handle?: ListenerHandle) => {
    if (message?.type === WANT) {
      if (worker.isConnected()) worker.send({ type: OFFER, held: held !== undefined }, held as never);
    } else if (message?.type === HOLD && handle) {
      if (held === undefined) held = handle;
      else handle.close?.();
    }
  });
  return {
    get held() {
      return held !== undefined;
    },
  };
}

/**
 * In a cluster worker: the listening handle the primary holds, or `undefined` when it holds none yet (then
 * this worker listens on the port itself and offers its socket with {@link offerListener}).
 */
export function requestHeldListener(timeoutMs = 5_000): Promise<ListenerHandle | undefined> {
  if (!cluster.isWorker || !process.send) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const done = (handle: ListenerHandle | undefined) => {
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(handle);
    };
    const onMessage = (message: Message & { held?: boolean }, handle?: ListenerHandle) => {
      if (message?.type === OFFER) done(message.held ? handle : undefined);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    process.on('message', onMessage);
    process.send!({ type: WANT });
  });
}

/** In a cluster worker that listened on the port itself: gives the primary a handle of the listening socket. */
export function offerListener(server: Server): void {
  const handle = (server as Server & { _handle?: ListenerHandle })._handle;
  if (cluster.isWorker && handle) process.send?.({ type: HOLD }, handle as never);
}
