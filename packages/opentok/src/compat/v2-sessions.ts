/**
 * The 2.x `createSession`: its arguments, request, messages and {@link Session} result.
 * @module
 */
import type { CreateSessionOptions } from '@opentok/rest';
import type { OpenTokV2 } from './v2.js';
import { call, shift } from './v2-core.js';
import { Session, type V2Callback } from './v2-results.js';

/** `createSession` of the 2.x class: `callback(error, session)`, or a promise of the session. */
export function createSessionV2(
  ot: OpenTokV2,
  options?: CreateSessionOptions | V2Callback<Session>,
  callback?: V2Callback<Session>,
): Promise<Session> | undefined {
  const [given, done] = shift<CreateSessionOptions, V2Callback<Session>>(options ?? {}, callback);
  return call(ot, done as unknown, { prefix: 'Failed to createSession.' }, async (client) => {
    const session = await client.createSession(given);
    return new Session(ot, session);
  });
}
