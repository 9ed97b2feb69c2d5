/**
 * One spelling per signature. An RS256 signature's base64url has spare low bits in its last
 * character, which decoders ignore: every other spelling of that character must be refused,
 * as HS256 (compared as text) refuses it. T1 signatures are lower-case hex, as the service
 * writes them: an upper-case spelling is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRsaSigner } from '#crypto';
import fixture from './__fixtures__/rsa-application.json' with { type: 'json' };
import vectors from './__fixtures__/tokens.json' with { type: 'json' };
import { generateRestTokenAsync, generateTokenAsync, verifyRestTokenAsync, verifyTokenAsync } from './async.js';
import { verifyRestToken, verifyToken } from './decode.js';
import { InvalidTokenError } from './errors.js';
import { generateToken } from './generate.js';
import { encodeSessionId } from './session-id.js';
import { isCanonicalBase64url } from './validate.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const { applicationId, privateKey, publicKey } = fixture;
const application = { applicationId, privateKey };
const verifier = { applicationId, publicKey };
const sessionId = encodeSessionId({ applicationId, location: '127.0.0.1' });

/** Whether this seam signs RSA synchronously (the Web seam signs only with `subtle`, async). */
const synchronous = (() => {
  try {
    createRsaSigner(privateKey);
    return true;
  } catch {
    return false;
  }
})();

/** The other spellings of a token's last character that decode to the same bytes. */
function respellings(token: string): string[] {
  const signature = token.slice(token.lastIndexOf('.') + 1);
  const spare = signature.length % 4 === 2 ? 0b1111 : signature.length % 4 === 3 ? 0b11 : 0;
  const last = ALPHABET.indexOf(signature.at(-1) ?? '');
  const spellings: string[] = [];
  for (let bits = 1; bits <= spare; bits++) spellings.push(token.slice(0, -1) + ALPHABET[(last & ~spare) | bits]);
  return spellings;
}

async function refusedAsync(verify: () => Promise<unknown>) {
  const error = await verify().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(InvalidTokenError.isInstance(error)).toBe(true);
  expect((error as InvalidTokenError).reason).toBe('signature');
}

function refused(verify: () => unknown) {
  let error: unknown;
  try {
    verify();
  } catch (caught) {
    error = caught;
  }
  expect(InvalidTokenError.isInstance(error)).toBe(true);
  expect((error as InvalidTokenError).reason).toBe('signature');
}

describe('RS256: only the canonical base64url of a signature verifies', () => {
  it('a 2048-bit signature has 15 other spellings of its last character', async () => {
    const token = await generateTokenAsync(application, sessionId);
    expect(respellings(token)).toHaveLength(15);
  });

  it('refuses every other spelling of the last character (client tokens, async and sync)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('publisher', 'subscriber', 'moderator'),
        async (data, role) => {
          const token = await generateTokenAsync(application, sessionId, {
            data,
            role: role as 'publisher',
          });
          expect((await verifyTokenAsync(token, verifier)).role).toBe(role);
          for (const spelling of respellings(token)) {
            await refusedAsync(() => verifyTokenAsync(spelling, verifier));
            if (synchronous) refused(() => verifyToken(spelling, verifier));
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('refuses every other spelling of a REST token signature', async () => {
    const token = await generateRestTokenAsync(application);
    expect((await verifyRestTokenAsync(token, verifier)).applicationId).toBe(applicationId);
    const spellings = respellings(token);
    expect(spellings.length).toBeGreaterThan(0);
    for (const spelling of spellings) {
      await refusedAsync(() => verifyRestTokenAsync(spelling, verifier));
      if (synchronous) refused(() => verifyRestToken(spelling, verifier));
    }
  });
});

describe('isCanonicalBase64url', () => {
  it('accepts a spelling exactly when it is what encoding its bytes gives', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
        const encoded = Buffer.from(bytes).toString('base64url');
        expect(isCanonicalBase64url(encoded)).toBe(true);
        for (const character of ALPHABET) {
          const spelling = encoded.slice(0, -1) + character;
          const canonical = Buffer.from(spelling, 'base64url').toString('base64url') === spelling;
          expect(isCanonicalBase64url(spelling)).toBe(canonical);
        }
      }),
    );
  });

  it('refuses a length one past a multiple of 4, padding and other alphabets', () => {
    for (const text of ['A', 'AAAAA', 'AA==', 'AB+/', 'AB/C', 'A B']) expect(isCanonicalBase64url(text)).toBe(false);
  });
});

describe('T1: the signature is lower-case hex, as the service writes it', () => {
  const credentials = { apiKey: vectors.api_key, apiSecret: vectors.api_secret };
  const encode = (inner: string) => `T1==${Buffer.from(inner).toString('base64')}`;
  const inner = (token: string) => Buffer.from(token.slice(4), 'base64').toString();

  it('verifies the lower-case signature and refuses the same signature in upper case', () => {
    const token = generateToken(credentials, vectors.session_id, { format: 't1' });
    const text = inner(token);
    const signature = /sig=([\da-f]{40})/.exec(text)?.[1];
    expect(signature).toMatch(/[a-f]/);
    expect(verifyToken(token, credentials).format).toBe('t1');
    const upper = encode(text.replace(`sig=${signature}`, `sig=${signature!.toUpperCase()}`));
    refused(() => verifyToken(upper, credentials));
  });
});
