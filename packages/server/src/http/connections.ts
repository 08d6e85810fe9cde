import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** A socket as Node's HTTP server keeps it: `_httpMessage` is the response being written, if any. */
type ServerSocket = Socket & { _httpMessage?: unknown };

/** What {@link watchConnections} gives the server. */
export interface ConnectionWatch {
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
 * - the sockets, for {@link ConnectionWatch.closeWithoutRequest} on shutdown.
 *
 * @example
 * const connections = watchConnections(httpServer, 30_000);
 * // on shutdown:
 * connections.closeWithoutRequest();
 */
export function watchConnections(server: Server, sendTimeoutMs: number): ConnectionWatch {
  const sockets = new Set<ServerSocket>();
  server.on('connection', (socket: ServerSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.timeout = sendTimeoutMs;
  server.on('timeout', (socket: ServerSocket) => {
    if (socket.writableLength > 0 || !socket._httpMessage) socket.destroy();
  });
  return {
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
