/**
 * The modern class with a Vonage application's credentials: `(applicationId, privateKey)`
 * detected as the official 2.23 does, or `({ applicationId, privateKey })`; tokens are RS256.
 * (Calls against the emulator are tested in packages/tests, src/vonage.)
 */
import { generateKeyPairSync, randomUUID, verify } from 'node:crypto';
import { InvalidArgumentError } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { OpenTok } from './opentok.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const applicationId = randomUUID();
const sessionId = `1_${Buffer.from(`1~${applicationId}~~1700000000000~random~~~`).toString('base64url')}`;

const verifies = (token: string) => {
  const dot = token.lastIndexOf('.');
  return verify('sha256', Buffer.from(token.slice(0, dot)), publicKey, Buffer.from(token.slice(dot + 1), 'base64url'));
};

describe('OpenTok with a Vonage application', () => {
  it('takes (applicationId, privateKey) and ({ applicationId, privateKey }) alike', () => {
    for (const opentok of [new OpenTok(applicationId, privateKey), new OpenTok({ applicationId, privateKey })]) {
      expect(opentok.applicationId).toBe(applicationId);
      expect(opentok.apiKey).toBe(applicationId);
      const token = opentok.generateToken(sessionId, { role: 'subscriber' });
      expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({
        alg: 'RS256',
        typ: 'JWT',
      });
      expect(verifies(token)).toBe(true);
    }
  });

  it('keeps a project for digits and secrets, and for a UUID with a secret that is no private key', () => {
    expect(new OpenTok('123456', 'secret').applicationId).toBeUndefined();
    // 2.23's rule: a UUID key switches only with a `-----BEGIN PRIVATE KEY` secret.
    expect(() => new OpenTok(applicationId, 'secret')).toThrow(InvalidArgumentError);
    expect(() => new OpenTok({ applicationId, privateKey: 'not a key' })).toThrow(/privateKey/);
  });
});
