/**
 * `downloadArchive` against the emulator: a failed answer is read only as far as the excerpt
 * for its message, however large its body, and the rest is cancelled unread.
 */
import { PassThrough } from 'node:stream';
import { startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerError } from './errors.js';
import { downloadArchive } from './node.js';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: '123456', apiSecret: 'x'.repeat(40) }] });
});
afterAll(async () => {
  await emulator?.close();
});

/** A `fetch` that counts the body bytes the caller pulls out of each answer. */
function countingFetch() {
  const pulled = { bytes: 0 };
  const fetcher = async (url: string, init?: RequestInit) => {
    const response = await fetch(url, init);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const chunk = await reader.read();
          if (chunk.done) controller.close();
          else {
            pulled.bytes += chunk.value.byteLength;
            controller.enqueue(chunk.value);
          }
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(counted, { status: response.status, headers: response.headers });
  };
  return { fetcher, pulled };
}

describe('downloadArchive on a failed answer', () => {
  it('reads at most the 64 KiB excerpt of a large error body, then cancels it', async () => {
    const size = 900_000;
    const message = `not today ${'x'.repeat(size)}`;
    const fault = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'GET',
        path: '/_emulator/media/*',
        status: 500,
        contentType: 'text/plain',
        body: message,
      }),
    });
    expect(fault.status).toBe(201);
    const { fetcher, pulled } = countingFetch();
    const error = await downloadArchive(`${emulator.url}/_emulator/media/a/archive.mp4`, new PassThrough(), {
      fetch: fetcher,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).serviceMessage).toMatch(/^not today x+/);
    expect((error as ServerError).serviceMessage!.length).toBeLessThanOrEqual(200);
    // The excerpt plus at most one chunk of the transport, far from the whole body.
    expect(pulled.bytes).toBeGreaterThan(0);
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024 + 65_536);
    expect(pulled.bytes).toBeLessThan(size / 4);
  });
});
