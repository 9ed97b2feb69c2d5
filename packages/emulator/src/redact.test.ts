import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerNames, REDACTED, redactUrl } from './redact.js';

describe('redactUrl', () => {
  it.each([
    ['wss://bot:pw@example.com/audio?token=abc&room=1', 'wss://***@example.com/audio?token=***&room=***'],
    ['wss://example.com:8443/audio', 'wss://example.com:8443/audio'],
    ['https://user@example.com/page#access_token=xyz', 'https://***@example.com/page#***'],
    ['https://example.com/stage?key', 'https://example.com/stage?***'],
    ['https://a:b@c@example.com/x', 'https://***@example.com/x'],
    ['sip:alice:s3cret@sip.example.com;transport=tls', 'sip:alice:***@sip.example.com;transport=tls'],
    ['sip:+15551234@sip.example.com?X-Token=abc', 'sip:+15551234@sip.example.com?X-Token=***'],
    ['sips:bob@example.com', 'sips:bob@example.com'],
    ['http://example.com/?', 'http://example.com/?'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('never shows a password, a query value or a fragment, whatever the URL', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((value) => `S3CR3T${value}`);
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https', 'ws', 'wss'),
        word,
        secret,
        secret,
        secret,
        word,
        (scheme, user, password, token, fragment, name) => {
          const shown = redactUrl(`${scheme}://${user}:${password}@example.com/p?${name}=${token}#${fragment}`);
          expect(shown).not.toContain('S3CR3T');
          expect(shown).toBe(`${scheme}://${REDACTED}@example.com/p?${name}=${REDACTED}#${REDACTED}`);
        },
      ),
    );
    fc.assert(
      fc.property(word, secret, secret, (user, password, token) => {
        const shown = redactUrl(`sip:${user}:${password}@example.com;transport=tls?X-Auth=${token}`);
        expect(shown).toBe(`sip:${user}:${REDACTED}@example.com;transport=tls?X-Auth=${REDACTED}`);
      }),
    );
  });

  it('never throws on garbage', () => {
    fc.assert(fc.property(fc.string(), (value) => typeof redactUrl(value) === 'string'));
  });
});

describe('headerNames', () => {
  it('gives names only', () => {
    expect(headerNames({ Authorization: 'Bearer x', 'X-Room': '1' })).toEqual(['Authorization', 'X-Room']);
    expect(headerNames(undefined)).toEqual([]);
  });
});
