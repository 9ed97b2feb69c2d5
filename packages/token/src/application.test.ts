import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRsaSigner, createRsaSignerAsync } from '#crypto';
import fixture from './__fixtures__/rsa-application.json' with { type: 'json' };
import vectors from './__fixtures__/tokens.json' with { type: 'json' };
import {
  createTokenGeneratorAsync,
  generateRestTokenAsync,
  generateTokenAsync,
  verifyRestTokenAsync,
  verifyTokenAsync,
} from './async.js';
import { decodeRestToken, decodeToken, verifyRestToken, verifyToken } from './decode.js';
import { InvalidArgumentError, InvalidSessionIdError, InvalidTokenError } from './errors.js';
import { createTokenGenerator, generateToken } from './generate.js';
import { generateRestToken } from './rest-token.js';
import { decodeSessionId, encodeSessionId } from './session-id.js';

const { applicationId, privateKey, publicKey } = fixture;
const application = { applicationId, privateKey };
const verifier = { applicationId, publicKey };
const project = { apiKey: '123456', apiSecret: vectors.api_secret };
const sessionId = encodeSessionId({ applicationId, location: '127.0.0.1' });
const projectSession = encodeSessionId({ apiKey: project.apiKey });
const part = (token: string, index: number) =>
  JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString());
/** `true` when node:crypto verifies the token's RS256 signature with the fixture's public key. */
const nodeVerifies = (token: string) => {
  const dot = token.lastIndexOf('.');
  return verify('sha256', Buffer.from(token.slice(0, dot)), publicKey, Buffer.from(token.slice(dot + 1), 'base64url'));
};
/** Whether this run is on the node:crypto seam (synchronous RS256) or the Web one. */
const synchronous = (() => {
  try {
    createRsaSigner(privateKey);
    return true;
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    return false;
  }
})();

describe('RS256 signatures (known answer)', () => {
  it('the async signer reproduces the signature node:crypto made for the fixture key', async () => {
    expect(await (await createRsaSignerAsync(privateKey))(fixture.input)).toBe(fixture.signature);
  });
  it('the synchronous signer reproduces it on Node (PEM or KeyObject), and points at the async functions elsewhere', () => {
    if (synchronous) {
      expect(createRsaSigner(privateKey)(fixture.input)).toBe(fixture.signature);
      expect(createRsaSigner(createPrivateKey(privateKey))(fixture.input)).toBe(fixture.signature);
    } else {
      expect(() => createTokenGenerator(application)).toThrow(/RS256 is asynchronous here.*Async functions/);
      expect(() => generateRestToken(application)).toThrow(InvalidArgumentError);
      expect(() => verifyRestToken(generateRestToken(project), verifier)).toThrow(InvalidTokenError);
    }
  });
});

describe('application session IDs', () => {
  it('carry the application ID, which decodeSessionId returns', () => {
    const decoded = decodeSessionId(sessionId);
    expect(decoded).toMatchObject({ apiKey: applicationId, applicationId, location: '127.0.0.1' });
    expect(decodeSessionId(projectSession).applicationId).toBeUndefined();
  });
  it('refuse a non-UUID application ID, or both an API key and an application ID', () => {
    expect(() => encodeSessionId({ applicationId: '123456' })).toThrow(InvalidArgumentError);
    expect(() => encodeSessionId({ applicationId, apiKey: '123456' })).toThrow(/applicationId/);
  });
});

describe('application client tokens', () => {
  it('are RS256 JWTs with application_id, sub, acl and the claims of a project token', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await generateTokenAsync(application, sessionId, { role: 'moderator', data: 'userId:42' });
    expect(part(token, 0)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const payload = part(token, 1);
    expect(payload).toEqual({
      application_id: applicationId,
      jti: expect.stringMatching(/^[\da-f]{8}-[\da-f]{4}-4/),
      sub: 'video',
      acl: { paths: { '/session/**': {} } },
      iat: expect.any(Number),
      exp: payload.iat + 86400,
      session_id: sessionId,
      create_time: payload.iat,
      nonce: expect.any(Number),
      role: 'moderator',
      expire_time: payload.iat + 86400,
      connection_data: 'userId:42',
      initial_layout_class_list: '',
      scope: 'session.connect',
    });
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(nodeVerifies(token)).toBe(true);
    expect(decodeToken(token)).toMatchObject({ apiKey: applicationId, applicationId, role: 'moderator' });
    const claims = await verifyTokenAsync(token, verifier);
    expect(claims).toMatchObject({ applicationId, sessionId, role: 'moderator', data: 'userId:42' });
  });

  it('are signed synchronously on Node, verified with the public key (PEM or KeyObject)', async () => {
    if (!synchronous) {
      const token = await generateTokenAsync(application, sessionId);
      expect(() => verifyToken(token, verifier)).toThrow(/Async functions/);
      return;
    }
    const sign = createTokenGenerator(application);
    const token = sign(sessionId, { initialLayoutClassList: ['focus'] });
    expect(nodeVerifies(token)).toBe(true);
    expect(verifyToken(token, verifier).initialLayoutClassList).toEqual(['focus']);
    expect(verifyToken(token, { applicationId, publicKey: createPublicKey(publicKey) }).role).toBe('publisher');
    expect(verifyToken(generateToken(application, sessionId), { applicationId, publicKey: privateKey }).role).toBe(
      'publisher',
    );
  });

  it('hold to the ownership check, the T1 refusal and the key checks', async () => {
    const sign = await createTokenGeneratorAsync(application);
    await expect(sign(projectSession)).rejects.toThrow(InvalidSessionIdError);
    await expect(sign(sessionId, { format: 't1' })).rejects.toThrow(/format must be 'jwt'$/);
    await expect(createTokenGeneratorAsync({ applicationId: 'not-a-uuid', privateKey })).rejects.toThrow(
      /applicationId must be a UUID/,
    );
    await expect(createTokenGeneratorAsync({ applicationId, privateKey: publicKey })).rejects.toThrow(
      /privateKey must be an RSA private key/,
    );
    const { privateKey: ecKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecPem = ecKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await expect(generateTokenAsync({ applicationId, privateKey: ecPem }, sessionId)).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it('never show the private key in an error', async () => {
    const broken = `${privateKey.slice(0, 200)}garbage`;
    const error = await generateTokenAsync({ applicationId, privateKey: broken }, sessionId).catch((caught) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(`${error.message} ${JSON.stringify(error)} ${error.stack}`).not.toContain(privateKey.slice(40, 80));
  });
});

describe('one mode never verifies as the other', () => {
  it('an HS256 token keyed with the public key PEM text is refused for the application', async () => {
    const input = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({
        application_id: applicationId,
        iat: 1,
        exp: 4102444800,
        session_id: sessionId,
        scope: 'session.connect',
      }),
    ).toString('base64url')}`;
    for (const key of [publicKey, privateKey]) {
      const forged = `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
      await expect(verifyTokenAsync(forged, verifier)).rejects.toMatchObject({ reason: 'signature' });
      if (synchronous) expect(() => verifyToken(forged, verifier)).toThrow(/algorithm must be RS256/);
    }
  });

  it('a project token is refused for an application and an application token for a project', async () => {
    const projectToken = generateToken(project, projectSession);
    await expect(verifyTokenAsync(projectToken, verifier)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifyTokenAsync(generateToken(project, projectSession, { format: 't1' }), verifier)).rejects.toThrow(
      InvalidTokenError,
    );
    const applicationToken = await generateTokenAsync(application, sessionId);
    expect(() => verifyToken(applicationToken, project)).toThrow(InvalidTokenError);
    await expect(verifyTokenAsync(applicationToken, project)).rejects.toThrow(/another API key/);
    const otherApplication = { applicationId: '11111111-2222-4333-8444-555555555555', publicKey };
    await expect(verifyTokenAsync(applicationToken, otherApplication)).rejects.toMatchObject({ reason: 'api-key' });
  });

  it('a token signed by another key pair is refused (property: any claims)', async () => {
    const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = { applicationId, privateKey: otherKey.export({ type: 'pkcs8', format: 'pem' }) as string };
    const sign = await createTokenGeneratorAsync(other);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 50 }), async (data) => {
        await expect(verifyTokenAsync(await sign(sessionId, { data }), verifier)).rejects.toMatchObject({
          reason: 'signature',
        });
      }),
      { numRuns: 20 },
    );
  });
});

describe('application REST tokens', () => {
  it('are RS256 JWTs with iss, ist, application_id, iat, exp and jti, verified with the public key', async () => {
    const token = await generateRestTokenAsync(application, { ttl: 60 });
    expect(part(token, 0)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const payload = part(token, 1);
    expect(payload).toEqual({
      iss: applicationId,
      ist: 'project',
      application_id: applicationId,
      iat: expect.any(Number),
      exp: payload.iat + 60,
      jti: expect.any(String),
    });
    expect(nodeVerifies(token)).toBe(true);
    expect(decodeRestToken(token)).toMatchObject({ apiKey: applicationId, applicationId, jti: payload.jti });
    expect(await verifyRestTokenAsync(token, verifier)).toMatchObject({ applicationId, expireTime: payload.exp });
    if (synchronous) {
      expect(nodeVerifies(generateRestToken(application))).toBe(true);
      expect(verifyRestToken(generateRestToken(application), verifier).applicationId).toBe(applicationId);
    }
  });

  it('of one mode are refused by the other, client tokens refused as REST tokens', async () => {
    await expect(verifyRestTokenAsync(generateRestToken(project), verifier)).rejects.toThrow(InvalidTokenError);
    await expect(verifyRestTokenAsync(await generateRestTokenAsync(application), project)).rejects.toThrow(
      InvalidTokenError,
    );
    await expect(
      verifyRestTokenAsync(await generateTokenAsync(application, sessionId), verifier),
    ).rejects.toMatchObject({
      reason: 'claims',
    });
  });

  it('the async functions take project credentials too, with the same tokens', async () => {
    expect(verifyRestToken(await generateRestTokenAsync(project), project).apiKey).toBe('123456');
    expect((await verifyTokenAsync(await generateTokenAsync(project, projectSession), project)).apiKey).toBe('123456');
  });
});
