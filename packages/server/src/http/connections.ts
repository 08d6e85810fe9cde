import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Requests one connection may have received and not yet seen answered; a client pipelining more is cut off. */
export const MAX_PIPELINED_REQUESTS = 32;

const UNANSWERED = Symbol('inferschema.unanswered');

/** A socket as Node's HTTP server keeps it: `_httpMessage` is the response being written, if any. */
type ServerSocket = Socket & { _httpMessage?: unknown; parser?: IncomingParser | null; [UNANSWERED]?: number };

/**
 * The part of Node's HTTP parser (`socket.parser`, set before the server's `connection` listeners run) that the
 * watch uses: `onIncoming` is called for each request's headers, and a return of -1 is a callback error that
 * stops llhttp at once, for the rest of the chunk being parsed.
 */
interface IncomingParser {
  onIncoming?: (request: IncomingMessage, keepAlive: boolean) => number;
}

/** Parsing stops at the next request of a destroyed connection (see {@link stopParsingOnceDestroyed}). */
const STOP_PARSING = -1;

/**
 * Node parses every request of a chunk it has read, even after the socket is destroyed: one 64 KiB read of
 * short pipelined requests is ~1,200 requests, each built as an `IncomingMessage` and a `ServerResponse`, which
 * held the event loop for 70-90 ms per flooding connection. Past a destroyed socket's first next request, the
 * parser is stopped instead (llhttp reports `HPE_CB_HEADERS_COMPLETE`, which the `clientError` handler ignores
 * on a destroyed socket): measured here, a 4-connection flood's longest event-loop turn went from 74-93 ms to
 * 10-11 ms. Where Node's internals differ, nothing is wrapped and {@link turnAway} still skips the requests.
 */
function stopParsingOnceDestroyed(socket: ServerSocket): void {
  const parser = socket.parser;
  const onIncoming = parser?.onIncoming;
  if (typeof onIncoming !== 'function') return;
  parser!.onIncoming = (request, keepAlive) => (socket.destroyed ? STOP_PARSING : onIncoming(request, keepAlive));
}

function answered(this: ServerResponse): void {
  (this.req.socket as ServerSocket)[UNANSWERED]! -= 1;
}

/**
 * Destroys a request of a closed connection at once, without an error. When the socket closes, Node destroys
 * every request still queued on it with a `ConnResetException` and reads the error's stack; with source maps on
 * (tsx turns them on to load a TypeScript entry script) that costs tens of µs per request, so the ~1,200 requests
 * of one pipelined 64 KiB chunk would hold the event loop for tens of ms. An already destroyed request is skipped.
 */
function turnAway(request: IncomingMessage): false {
  request.destroy();
  return false;
}

/** What {@link watchConnections} gives the server. */
export interface ConnectionWatch {
  /**
   * Call first for every request: false when it must not be handled (its connection is closed, or was just
   * closed for pipelining more than {@link MAX_PIPELINED_REQUESTS} requests). Node parses every request of a
   * chunk it has read even after the socket is destroyed; skipping them keeps such a chunk cheap.
   */
  admit(request: IncomingMessage, response: ServerResponse): boolean;
  /**
   * Closes every connection without a request being answered: idle keep-alive connections and clients still
   * sending their headers (Node's `closeIdleConnections` keeps the latter, so a client trickling headers would
   * hold a graceful shutdown until its headers timeout). Returns how many were closed.
   */
  closeWithoutRequest(): number;
}

/**
 * Watches the server's connections:
 *
 * - **send timeout**: a connection whose answer has waited `sendTimeoutMs` with unsent bytes and no progress
 *   (a client that stopped reading, e.g. one that pipelines requests and never reads the answers) is closed,
 *   so it cannot hold the server's memory. Node's HTTP server already stops reading a connection's next
 *   pipelined requests while an answer is unsent, so what one connection holds is bounded by its largest
 *   answer plus the socket's buffers, and for at most this long. A connection waiting for `run` (nothing
 *   unsent) is left alone; an idle one is closed, as Node does without this watch.
 * - **pipelining depth**: Node parses every request of a chunk it has read before it can stop reading, so a
 *   client that sends thousands of pipelined requests at once makes the server answer all of one chunk in a
 *   burst. A connection with more than {@link MAX_PIPELINED_REQUESTS} requests unanswered is closed, and Node's
 *   parser stops at the next request of its chunk (one 64 KiB read: ~1,200 short requests), which bounds what one
 *   such connection costs an event-loop turn.
 * - the sockets, for {@link ConnectionWatch.closeWithoutRequest} on shutdown.
 *
 * @example
 * const connections = watchConnections(httpServer, 30_000, (fields, message) => log.warn(fields, message));
 * // on shutdown:
 * connections.closeWithoutRequest();
 */
export function watchConnections(server: Server, sendTimeoutMs: number, warn: (fields: object, message: string) => void): ConnectionWatch {
  const sockets = new Set<ServerSocket>();
  server.on('connection', (socket: ServerSocket) => {
    sockets.add(socket);
    stopParsingOnceDestroyed(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.timeout = sendTimeoutMs;
  server.on('timeout', (socket: ServerSocket) => {
    if (socket.writableLength > 0) {
      warn({ remoteAddress: socket.remoteAddress, unsentBytes: socket.writableLength, sendTimeoutMs }, 'Closed a connection whose client stopped reading (send timeout)');
      socket.destroy();
    } else if (!socket._httpMessage) socket.destroy();
  });
  return {
    admit(request, response) {
      // A pipelined request's response gets the socket only when the ones before it are answered.
      const socket = request.socket as ServerSocket;
      if (socket.destroyed) return turnAway(request);
      const unanswered = (socket[UNANSWERED] ?? 0) + 1;
      socket[UNANSWERED] = unanswered;
      if (unanswered <= MAX_PIPELINED_REQUESTS) {
        // `on`, not `once`: a response finishes once, and `once` would wrap the shared listener in a closure per request.
        response.on('finish', answered);
        return true;
      }
      warn({ remoteAddress: socket.remoteAddress, unanswered }, `Closed a connection pipelining more than ${MAX_PIPELINED_REQUESTS} requests`);
      socket.destroy();
      return turnAway(request);
    },
    closeWithoutRequest() {
      let closed = 0;
      for (const socket of sockets) {
        if (socket._httpMessage) continue;
        socket.destroy();
        closed += 1;
      }
      return closed;
    },
  };
}
