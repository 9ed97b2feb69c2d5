/**
 * `client.callbacks` against the emulator over real HTTP: register, list, unregister, the
 * errors of each, and random arguments (only the package's own errors come out, and nothing
 * malformed reaches the service).
 */
import { startEmulator } from '@opentok/emulator';
import { InvalidArgumentError, OpenTokError } from '@opentok/token';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createClient } from './client.js';
import { NotFoundError } from './errors.js';

const API_KEY = '123456';
const API_SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: Client;
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }] });
  client = createClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url, retry: 0 });
});
afterAll(async () => {
  await emulator?.close();
});

describe('client.callbacks', () => {
  it('registers, lists and unregisters callback URLs', async () => {
    const url = 'https://example.com/opentok/7f3c9a1e5b2d';
    const registration = await client.callbacks.register({ group: 'archive', event: 'status', url });
    expect(registration).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      group: 'archive',
      event: 'status',
      url,
      createdAt: expect.any(Number),
    });
    const second = await client.callbacks.register({ group: 'connection', event: 'destroyed', url });
    expect((await client.callbacks.list()).map(({ id }) => id)).toEqual([registration.id, second.id]);
    await client.callbacks.unregister(registration.id);
    expect(await client.callbacks.list()).toEqual([second]);
    await expect(client.callbacks.unregister(registration.id)).rejects.toBeInstanceOf(NotFoundError);
    await client.callbacks.unregister(second.id);
  });

  it.each([
    [undefined],
    [{}],
    [{ group: 'archive', event: 'status' }],
    [{ group: 'archive', event: 'status', url: 'ftp://example.com' }],
    [{ group: 'archive', event: 'status', url: '/relative' }],
    [{ group: '', event: 'status', url: 'https://example.com' }],
    [{ group: 'archive', event: 'status', url: 'https://example.com', extra: 1 }],
  ])('refuses %j before sending anything', async (options) => {
    await expect(client.callbacks.register(options as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('never quotes the URL in its error (it may hold a secret path segment)', async () => {
    const secret = 'not a url but a s3cr3t-segment-7f3c9a1e5b2d';
    const error = await client.callbacks
      .register({ group: 'archive', event: 'status', url: secret })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).not.toContain('s3cr3t');
  });

  it('lets only its own errors out for random arguments', async () => {
    const value = fc.oneof(
      fc.anything(),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom('..', '.', '/', '%00', '', 'https://example.com/x'),
    );
    const options = fc.oneof(value, fc.record({ group: value, event: value, url: value }, { requiredKeys: [] }));
    const sample = fc.sample(options, 200);
    expect(sample.some((item) => typeof item === 'object' && item !== null && 'url' in item)).toBe(true);
    await fc.assert(
      fc.asyncProperty(options, value, async (registerOptions, id) => {
        for (const call of [
          () => client.callbacks.register(registerOptions as never),
          () => client.callbacks.unregister(id as never),
        ]) {
          try {
            await call();
          } catch (error) {
            expect(OpenTokError.isInstance(error)).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
