/**
 * Reading only the start of an answer's body: what a callback receiver or a page says back is
 * kept for the log, never buffered whole (a receiver streaming an endless body took the
 * emulator from 74 to 1,372 MiB in two deliveries when the whole answer was read).
 * @module
 */

/** Bytes of an answer's body kept for the log, at most. */
export const BODY_PREFIX_BYTES = 4096;

/**
 * Reads at most `limit` bytes of `body`, then cancels the rest (the connection is dropped
 * rather than drained), and decodes them as UTF-8 (a character cut in two becomes U+FFFD).
 * A body that fails mid-read gives what had arrived.
 * @example
 * const prefix = await readBodyPrefix(response.body)
 */
export async function readBodyPrefix(
  body: ReadableStream<Uint8Array> | null,
  limit: number = BODY_PREFIX_BYTES,
): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      const part = value.subarray(0, limit - size);
      chunks.push(part);
      size += part.length;
    }
  } catch {
    // What arrived before the failure is still worth logging.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}
