/**
 * The dispatcher against a real receiver on loopback that answers with an endless body: the
 * delivery completes with only the start of the answer kept, and the receiver sees its
 * connection closed long before it would stop by itself.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { BODY_PREFIX_BYTES } from './body-prefix.js';
import { CallbackDispatcher, DEFAULT_DELIVERY } from './callback-dispatcher.js';

/** The receiver stops by itself after this much (the test's loop is bounded). */
const RECEIVER_CAP_BYTES = 256 * 1024 * 1024;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A receiver whose every answer is `200` with a body of 64 KiB chunks until the cap or a close. */
async function streamingReceiver() {
  const outcome = { sent: 0, closedEarly: false, finished: false };
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.on('close', () => {
        if (!response.writableFinished) outcome.closedEarly = true;
      });
      const pump = () => {
        while (!response.destroyed && outcome.sent < RECEIVER_CAP_BYTES) {
          outcome.sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        if (!response.destroyed) {
          outcome.finished = true;
          response.end();
        }
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, outcome };
}

it('keeps only the start of an endless answer and closes the connection', async () => {
  const receiver = await streamingReceiver();
  const dispatcher = new CallbackDispatcher({ ...DEFAULT_DELIVERY, timeoutMs: 60_000 });
  closers.push(async () => dispatcher.close());
  const delivery = dispatcher.send(receiver.url, '123456', undefined, { event: 'archive' });
  for (let wait = 0; wait < 1500 && delivery.status === 'pending'; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200 });
  expect(delivery.responseBody).toBe('x'.repeat(BODY_PREFIX_BYTES));
  for (let wait = 0; wait < 500 && !receiver.outcome.closedEarly; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(receiver.outcome.closedEarly).toBe(true);
  expect(receiver.outcome.finished).toBe(false);
  // What the receiver could push before the close is what the socket buffers hold, not its body.
  expect(receiver.outcome.sent).toBeLessThan(64 * 1024 * 1024);
});
