import { inspect } from 'node:util';
import { decodeToken, encodeSessionId, InvalidArgumentError, InvalidSessionIdError, verifyToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import OpenTokDefault, * as opentokModule from './index.js';
import { OpenTok } from './opentok.js';

const apiKey = '123456';
const apiSecret = '1234567890abcdef1234567890abcdef1234567890';
const sessionId = encodeSessionId({ apiKey });
const opentok = new OpenTok(apiKey, apiSecret, { apiUrl: 'http://127.0.0.1:9' });

describe('the public door', () => {
  it('exports OpenTok as default and by name, with the 1.0 facade and both layers', () => {
    // The door is the 2.x-compatible subclass of the modern class (src/compat/v2.ts).
    expect(opentokModule.OpenTok).toBe(OpenTokDefault);
    expect(new OpenTokDefault(apiKey, apiSecret, 'http://127.0.0.1:9')).toBeInstanceOf(OpenTok);
    expect(typeof opentokModule.OpenTokSDK).toBe('function');
    expect(opentokModule.RoleConstants.MODERATOR).toBe('moderator');
    expect(typeof opentokModule.generateToken).toBe('function');
    expect(typeof opentokModule.createClient).toBe('function');
    expect(typeof opentokModule.OpenTokError).toBe('function');
  });
});

describe('OpenTok', () => {
  it('signs JWT client tokens by default and T1 on request', () => {
    const jwt = opentok.generateToken(sessionId, { role: 'subscriber', data: 'userId:42' });
    expect(verifyToken(jwt, { apiKey, apiSecret })).toMatchObject({ format: 'jwt', role: 'subscriber', sessionId });
    expect(decodeToken(opentok.generateToken(sessionId, { format: 't1' })).format).toBe('t1');
  });

  it('refuses a missing session ID even on the generator’s first call', () => {
    const fresh = new OpenTok(apiKey, apiSecret, { apiUrl: 'http://127.0.0.1:9' });
    expect(() => fresh.generateToken(undefined as never)).toThrow(InvalidSessionIdError);
    expect(() => fresh.generateToken('')).toThrow('Null or empty session ID is not valid');
  });

  it('validates credentials and options up front', () => {
    expect(() => new OpenTok('abc', apiSecret)).toThrow(InvalidArgumentError);
    expect(() => new OpenTok(apiKey, '')).toThrow(InvalidArgumentError);
    expect(() => new OpenTok(apiKey, apiSecret, null as never)).toThrow(InvalidArgumentError);
  });

  it('exposes the archive resource and the client it delegates to', () => {
    expect(typeof opentok.archives.start).toBe('function');
    expect(opentok.client.archives).toBe(opentok.archives);
  });

  it('exposes the broadcast resource of the same client', () => {
    expect(typeof opentok.broadcasts.start).toBe('function');
    expect(opentok.broadcasts).toBe(opentok.client.broadcasts);
  });

  it('never shows the secret', () => {
    expect(inspect(opentok, { depth: 10, showHidden: true })).not.toContain(apiSecret);
    expect(JSON.stringify(opentok)).not.toContain(apiSecret);
    expect(String(opentok)).not.toContain(apiSecret);
  });
});
