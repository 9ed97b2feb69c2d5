/**
 * Garbage into the connector routes: whatever JSON arrives at dial, play-dtmf, render,
 * captions and connect, with a valid session and token or not, the answer is a documented
 * status (never a 500), and the token sent is never echoed. No generated value is a URL, so no
 * run reaches the network.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liveSession, project, token } from '../../test/connectors.js';
import { call, emulator } from '../../test/support.js';

const notUrl = fc.string({ maxLength: 40 }).filter((text) => !text.includes(':'));
const value = fc.oneof(
  notUrl,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(notUrl, { maxLength: 3 }),
  fc.dictionary(notUrl, notUrl, { maxKeys: 3 }),
);
const options = (keys: string[]) =>
  fc.record(Object.fromEntries(keys.map((key) => [key, value])), { requiredKeys: [] }) as fc.Arbitrary<
    Record<string, unknown>
  >;

describe('the connector routes under garbage', () => {
  it('answer a documented status and never echo the token', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const good = token(sessionId, { role: 'moderator' });
    const routes: Array<[string, fc.Arbitrary<Record<string, unknown>>, number[]]> = [
      [
        'dial',
        options(['uri', 'from', 'headers', 'auth', 'secure', 'video', 'observeForceMute', 'streams']).map((sip) => ({
          sip,
        })),
        [200, 400],
      ],
      [`session/${sessionId}/play-dtmf`, options(['digits']), [200, 400]],
      ['render', options(['url', 'maxDuration', 'resolution', 'properties', 'statusCallbackUrl']), [202, 400]],
      ['captions', options(['languageCode', 'maxDuration', 'partialCaptions', 'statusCallbackUrl']), [202, 400, 409]],
      [
        'connect',
        options(['uri', 'streams', 'headers', 'audioRate', 'bidirectional']).map((websocket) => ({ websocket })),
        [200, 400],
      ],
    ];
    for (const [path, body, allowed] of routes) {
      await fc.assert(
        fc.asyncProperty(body, fc.boolean(), async (fields, withToken) => {
          const sent = { sessionId, ...(withToken ? { token: good } : { token: 'T1==not-a-token' }), ...fields };
          const answer = await call('POST', project(running.url, path), sent);
          expect([...allowed, 400, 403]).toContain(answer.status);
          expect(JSON.stringify(answer.body)).not.toContain(good);
        }),
        { numRuns: 40 },
      );
    }
  });
});
