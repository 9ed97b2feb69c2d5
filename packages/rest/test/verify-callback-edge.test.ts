/**
 * `verifyCallback` of the built package in Vercel's edge sandbox (`@edge-runtime/vm`): bundled
 * with the edge export conditions, with no Node API at hand, it accepts a token signed here
 * with `node:crypto` and refuses a tampered body, another secret, `alg: none` and RS256, through
 * Web Crypto alone.
 */
import { createHash, createHmac } from 'node:crypto';
import { EdgeVM } from '@edge-runtime/vm';
import { describe, expect, it } from 'vitest';
import { bundleForEdge } from './edge-bundle.js';

const SECRET = 'edge-secret-9d0e2a1f';
const BODY = '{"event":"archive","id":"a1","sessionId":"s1","status":"available","partnerId":123456,"url":null}';

function token(header: Record<string, unknown>, secret = SECRET): string {
  const claims = {
    iat: Math.floor(Date.now() / 1000),
    jti: '5b0e2f3c-1d7a-4c59-9d0e-2a1f3b4c5d6e',
    iss: 'Vonage',
    payload_hash: createHash('sha256').update(BODY).digest('hex'),
    api_key: '123456',
  };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `Bearer ${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const PROBE = `
import { verifyCallback } from '@opentok/rest';
globalThis.probe = async (input) => {
  const { good, other, none, rs, secret, body } = JSON.parse(input);
  const reason = (promise) => promise.then(() => 'accepted', (error) => error.reason ?? error.name);
  const callback = await verifyCallback({ headers: new Headers({ authorization: good }), body: new TextEncoder().encode(body) }, secret);
  return JSON.stringify({
    hasProcess: typeof process !== 'undefined',
    hasBuffer: typeof Buffer !== 'undefined',
    callback: [callback.event, callback.status, callback.projectId],
    fromRecord: await reason(verifyCallback({ headers: { Authorization: good }, body }, secret)),
    tampered: await reason(verifyCallback({ headers: { authorization: good }, body: body.replace('available', 'failed') }, secret)),
    otherSecret: await reason(verifyCallback({ headers: { authorization: other }, body }, secret)),
    none: await reason(verifyCallback({ headers: { authorization: none }, body }, secret)),
    rs: await reason(verifyCallback({ headers: { authorization: rs }, body }, secret)),
    missing: await reason(verifyCallback({ headers: {}, body }, secret)),
  });
};
`;

describe('verifyCallback in an edge runtime', () => {
  it('verifies and refuses with Web Crypto only', async () => {
    const { code } = await bundleForEdge({ source: PROBE });
    expect(code).not.toMatch(/\brequire\(|\bnode:(crypto|fs|stream|http|buffer)\b/);
    const vm = new EdgeVM();
    vm.evaluate(code);
    const good = token({ alg: 'HS256', typ: 'JWT' });
    const none = `${good
      .split('.')
      .slice(0, 2)
      .join('.')
      .replace(/^Bearer [\w-]+/, `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}`)}.`;
    const input = JSON.stringify({
      good,
      other: token({ alg: 'HS256', typ: 'JWT' }, 'another-secret'),
      none,
      rs: token({ alg: 'RS256', typ: 'JWT' }),
      secret: SECRET,
      body: BODY,
    });
    vm.context.input = input;
    expect(JSON.parse((await vm.evaluate('probe(input)')) as string)).toEqual({
      hasProcess: false,
      hasBuffer: false,
      callback: ['archive', 'available', '123456'],
      fromRecord: 'accepted',
      tampered: 'bodyHashMismatch',
      otherSecret: 'badSignature',
      none: 'algorithm',
      rs: 'algorithm',
      missing: 'missingHeader',
    });
  });
});
