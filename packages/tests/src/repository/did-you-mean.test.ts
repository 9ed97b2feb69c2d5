/**
 * One "did you mean" style across the packages, as a reader sees it side by side:
 * `Unknown option 'rol' (did you mean 'role'?)`, after each package's own prefix.
 * @module
 */
import { createClient } from '@opentok/rest';
import { encodeSessionId, generateToken } from '@opentok/token';
import { OpenTokSDK } from 'opentok';
import { describe, expect, it } from 'vitest';

const apiKey = '123456';
const apiSecret = '1234567890abcdef1234567890abcdef1234567890';
const sessionId = encodeSessionId({ apiKey });
const STYLE =
  /^\[(?:@opentok\/token|@opentok\/rest|opentok)\] Unknown (?:token )?option '(\w+)' \(did you mean '(\w+)'\?\)$/;

function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('did not throw');
}

describe('a misspelt option', () => {
  it.each([
    [
      '@opentok/token generateToken',
      () => generateToken({ apiKey, apiSecret }, sessionId, { rol: 'publisher' } as never),
      'rol',
      'role',
    ],
    [
      '@opentok/rest createClient',
      () => createClient({ apiKey, apiSecret, apiURL: 'http://127.0.0.1:9' } as never),
      'apiURL',
      'apiUrl',
    ],
    [
      'opentok OpenTokSDK.generateToken (1.0)',
      () => new OpenTokSDK(apiKey, apiSecret).generateToken({ session_id: sessionId, rol: 'publisher' } as never),
      'rol',
      'role',
    ],
  ])('is named the same way by %s', (_name, call, given, nearest) => {
    const message = messageOf(call);
    expect(message).toMatch(STYLE);
    expect(STYLE.exec(message)?.slice(1)).toEqual([given, nearest]);
  });
});
