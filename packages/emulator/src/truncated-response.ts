/**
 * Answers cut short on purpose (the `truncateAfterBytes` fault): the status and headers go out
 * with the full `Content-Length`, then only the first bytes of the body, then the connection
 * closes. A client sees what a dropped download or a proxy dying mid-answer looks like.
 * @module
 */
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';

/** An answer to send cut short: status, headers and the whole body it claims to have. */
export interface TruncatedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Reads a `Response` whole into a {@link TruncatedAnswer}, keeping its headers and adding a
 * `Content-Length` for the whole body when it has none.
 */
export async function answerOf(response: Response): Promise<TruncatedAnswer> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'transfer-encoding') headers[name] = value;
  });
  return { status: response.status, headers: withLength(headers, body.length), body };
}

/** The headers with `Content-Length: length` unless they already name a length (any case). */
export function withLength(headers: Record<string, string>, length: number): Record<string, string> {
  const named = Object.keys(headers).some((name) => name.toLowerCase() === 'content-length');
  return named ? headers : { ...headers, 'Content-Length': String(length) };
}

/**
 * Writes the status, the headers and the first `limit` bytes of the body straight to the Node
 * response, then closes the socket once those bytes are handed to the kernel. Resolves when
 * the socket is closed; the caller returns {@link RESPONSE_ALREADY_SENT} so the adapter adds
 * nothing.
 */
export function sendTruncated(outgoing: ServerResponse, answer: TruncatedAnswer, limit: number): Promise<Response> {
  return new Promise((resolve) => {
    const done = () => resolve(RESPONSE_ALREADY_SENT);
    const socket = outgoing.socket;
    if (!socket || socket.destroyed) return done();
    socket.once('close', done);
    outgoing.writeHead(answer.status, answer.headers);
    const part = answer.body.subarray(0, limit);
    if (part.length > 0) outgoing.write(part);
    else outgoing.flushHeaders();
    // `end` flushes what was written (headers and part) before its callback; `destroy` then
    // drops the connection without waiting for the client to close its side.
    socket.end(() => socket.destroy());
  });
}

/**
 * The same cut for an app called through `fetch` (no Node socket, as in `app.request`): a
 * `Response` with the full `Content-Length` whose body stream yields the first `limit` bytes,
 * then errors.
 */
export function truncatedResponse(answer: TruncatedAnswer, limit: number): Response {
  const part = answer.body.subarray(0, limit);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (part.length > 0) controller.enqueue(part);
    },
    pull(controller) {
      controller.error(new Error(`[@opentok/emulator] fault: connection closed after ${part.length} bytes`));
    },
  });
  return new Response(body, { status: answer.status, headers: answer.headers });
}
