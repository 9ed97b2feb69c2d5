import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors.js';
import { createTokenGenerator } from './generate.js';
import { generateRestToken } from './rest-token.js';
import { acceptsAnyApiKey, allowAnyApiKey } from './validate.js';

const decodePart = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString());
/** A session ID whose API key field is `apiKey`, as the service encodes one. */
const sessionOf = (apiKey: string) => `1_${Buffer.from(`1~${apiKey}~~1700000000000~0.5~`).toString('base64')}`;

describe('allowAnyApiKey (the way of the opentok 2.x class)', () => {
  it('leaves unmarked credentials checked as always: digits only', () => {
    expect(() => generateRestToken({ apiKey: 'APIKEY', apiSecret: 'secret' })).toThrow(InvalidArgumentError);
    expect(() => createTokenGenerator({ apiKey: 'APIKEY', apiSecret: 'secret' })).toThrow(
      /apiKey must be a string of digits/,
    );
    // The mark is not copied by spread: a copy is checked again.
    expect(() => generateRestToken({ ...allowAnyApiKey({ apiKey: 'APIKEY', apiSecret: 'secret' }) })).toThrow(
      InvalidArgumentError,
    );
  });

  it('lets marked credentials sign with any non-empty key as issuer', () => {
    const credentials = allowAnyApiKey({ apiKey: 'APIKEY', apiSecret: 'secret' });
    expect(acceptsAnyApiKey(credentials)).toBe(true);
    expect(Object.keys(credentials)).toEqual(['apiKey', 'apiSecret']);
    const token = generateRestToken(credentials);
    const [header, payload, signature] = token.split('.');
    expect(decodePart(payload)).toMatchObject({ iss: 'APIKEY', ist: 'project' });
    expect(createHmac('sha256', 'secret').update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    const client = createTokenGenerator(credentials)(sessionOf('APIKEY'), { role: 'moderator' });
    expect(decodePart(client.split('.')[1])).toMatchObject({ iss: 'APIKEY', role: 'moderator' });
  });

  it('still refuses an empty key', () => {
    expect(() => generateRestToken(allowAnyApiKey({ apiKey: '', apiSecret: 'secret' }))).toThrow(InvalidArgumentError);
  });

  it('puts any key in the claims as valid JSON', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (apiKey) => {
        const token = generateRestToken(allowAnyApiKey({ apiKey, apiSecret: 'secret' }));
        expect(decodePart(token.split('.')[1]).iss).toBe(apiKey);
      }),
      { numRuns: 200 },
    );
  });
});
