import { InvalidArgumentError } from '@opentok/token';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from './client.js';

const SECRET = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd';

describe('createClient', () => {
  // Independent of the shell's environment: OPENTOK_API_URL may well be exported there.
  const exported = process.env.OPENTOK_API_URL;
  beforeEach(() => {
    delete process.env.OPENTOK_API_URL;
  });
  afterEach(() => {
    if (exported === undefined) delete process.env.OPENTOK_API_URL;
    else process.env.OPENTOK_API_URL = exported;
  });

  it('binds the key and the default URL', () => {
    const client = createClient({ apiKey: 123456, apiSecret: SECRET });
    expect(client.apiKey).toBe('123456');
    expect(client.apiUrl).toBe('https://api.opentok.com');
  });

  it('takes OPENTOK_API_URL from the environment, and an explicit apiUrl over it', () => {
    process.env.OPENTOK_API_URL = 'http://127.0.0.1:4000/';
    expect(createClient({ apiKey: '1', apiSecret: SECRET }).apiUrl).toBe('http://127.0.0.1:4000');
    expect(createClient({ apiKey: '1', apiSecret: SECRET, apiUrl: 'https://x.test/base/' }).apiUrl).toBe(
      'https://x.test/base',
    );
  });

  const refused: [Record<string, unknown>, string][] = [
    [{ apiSecret: SECRET }, 'apiKey'],
    [{ apiKey: 'abc', apiSecret: SECRET }, 'apiKey'],
    [{ apiKey: '1' }, 'apiSecret'],
    [{ apiKey: '1', apiSecret: '' }, 'apiSecret'],
    [{ apiKey: '1', apiSecret: SECRET, apiUrl: 'ftp://x' }, 'apiUrl'],
    [{ apiKey: '1', apiSecret: SECRET, apiUrl: 'not a url' }, 'apiUrl'],
    [{ apiKey: '1', apiSecret: SECRET, apiUrl: `https://1:${SECRET}@x.test` }, 'apiUrl'],
    [{ apiKey: '1', apiSecret: SECRET, timeout: 0 }, 'timeout'],
    [{ apiKey: '1', apiSecret: SECRET, retry: -1 }, 'retry.limit'],
    [{ apiKey: '1', apiSecret: SECRET, retry: { baseDelay: 'fast' } }, 'retry.baseDelay'],
    [{ apiKey: '1', apiSecret: SECRET, fetch: 'fetch' }, 'fetch'],
    [{ apiKey: '1', apiSecret: SECRET, userAgent: 'a\nb' }, 'userAgent'],
    [{ apiKey: '1', apiSecret: SECRET, hooks: { beforeRequest: () => {} } }, 'hooks.beforeRequest'],
  ];
  for (const [options, argument] of refused) {
    it(`refuses ${argument} with InvalidArgumentError, never quoting the secret`, () => {
      let caught: unknown;
      try {
        createClient(options as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
      expect(String(caught)).not.toContain(SECRET);
      expect((caught as Error).message).not.toContain(SECRET);
    });
  }

  it('refuses a missing options object', () => {
    expect(() => createClient(undefined as never)).toThrow(InvalidArgumentError);
  });

  it('holds the secret in no property', () => {
    const client = createClient({ apiKey: '1', apiSecret: SECRET });
    expect(JSON.stringify(client)).not.toContain(SECRET);
  });
});
