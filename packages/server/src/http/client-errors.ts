import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** Sockets already answered: after a parse error, Node reports the same error for every later chunk. */
const answered = new WeakSet<Socket>();

/** How long a client that keeps sending after its error answer may keep the socket open. */
const LINGER_MS = 2_000;

function answerOf(code: string | undefined): { status: number; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'Exceeded maximum allowed HTTP header size' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'Client Timeout' };
  return { status: 400, message: 'Client Error' };
}

/**
 * Answers a request Node's HTTP parser refused (headers too large 431, headers or body too slow 408, broken
 * framing 400) with a JSON body, then half-closes the socket instead of destroying it. Destroying a socket
 * whose client is still sending (e.g. the rest of 40 KB of headers) makes the kernel reset the connection, and
 * the client loses the answer; ending it lets the answer arrive, and the socket is destroyed when the client
 * closes or after {@link LINGER_MS}. The body has the fields fastify used to write (`error`, `message`, `statusCode`).
 * Returns the status answered (undefined when nothing was: the client had gone, or was already answered).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): number | undefined {
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return undefined;
  answered.add(socket);
  const { status, message } = answerOf(error.code);
  const reason = STATUS_CODES[status]!;
  const body = JSON.stringify({ error: reason, message, statusCode: status });
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.setTimeout(0);
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
  return status;
}
