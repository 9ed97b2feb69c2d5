/**
 * Reading a body as text under a size cap and a deadline, for the request core.
 * @module
 */
import { sanitizeCause } from './error-mapping.js';
import { NetworkError, PREFIX, RequestError, ResponseParseError, TimeoutError } from './errors.js';

/** Lower-case media type without parameters. */
export const mediaType = (response: Response): string =>
  (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** Reads a body as UTF-8 text, refusing more than `limit` bytes or a body slower than `timeout`. */
export async function readBody(
  response: Response,
  limit: number,
  timeout: number,
  context: { method: string; path: string },
  hide: (value: string, limit: number) => string,
): Promise<string> {
  const stream = response.body;
  if (!stream) return '';
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    void stream.cancel().catch(() => undefined);
    throw tooLarge(limit, response.status, context);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeout);
  });
  const stalled = () =>
    new TimeoutError(`${PREFIX} ${context.method} ${context.path}: the body did not arrive within ${timeout} ms`, {
      ...context,
      status: response.status,
    });
  try {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let received = 0;
    let result = '';
    for (;;) {
      const chunk = await Promise.race([reader.read(), expired]);
      if (chunk === 'timeout') {
        // Cancelling the reader ends the connection too.
        void reader.cancel().catch(() => undefined);
        throw stalled();
      }
      if (chunk.done) break;
      received += chunk.value.byteLength;
      if (received > limit) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge(limit, response.status, context);
      }
      result += decoder.decode(chunk.value, { stream: true });
    }
    return result + decoder.decode();
  } catch (error) {
    if (RequestError.isInstance(error)) throw error;
    throw new NetworkError(
      `${PREFIX} ${context.method} ${context.path}: the connection failed while reading the answer`,
      {
        ...context,
        status: response.status,
        serviceMessage: undefined,
        cause: sanitizeCause(error, hide),
      },
    );
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(limit: number, status: number, context: { method: string; path: string }): ResponseParseError {
  return new ResponseParseError(
    `${PREFIX} ${context.method} ${context.path}: the answer is larger than ${limit} bytes`,
    {
      ...context,
      status,
      excerpt: '',
    },
  );
}

/**
 * The first `limit` bytes of a body as text, for the message of a failed answer: reads no
 * further than that, then cancels the rest, however large the body is.
 */
export async function readExcerpt(response: Response, limit: number): Promise<string> {
  const stream = response.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let result = '';
  try {
    while (received < limit) {
      const chunk = await reader.read();
      if (chunk.done) return result + decoder.decode();
      const piece = chunk.value.byteLength > limit - received ? chunk.value.subarray(0, limit - received) : chunk.value;
      received += piece.byteLength;
      result += decoder.decode(piece, { stream: true });
    }
    return result + decoder.decode();
  } catch {
    return result;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}
