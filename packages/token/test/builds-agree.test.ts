/**
 * The node build (`node:crypto`, Buffer) and the default build (`@noble/hashes`, atob) must
 * decide every input the same way: the same value, or the same error class, reason and
 * message. Random and near-valid inputs (truncated, padded, spliced IDs and tokens) go to
 * both built files side by side.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as Token from '../src/index.js';

const nodeBuild = (await import('../dist/node.js' as string)) as typeof Token;
const defaultBuild = (await import('../dist/default.js' as string)) as typeof Token;

const credentials = { apiKey: '123456', apiSecret: 'secret of the agreement test' };
const now = 1_795_401_100;
const sessionId = nodeBuild.encodeSessionId({ apiKey: credentials.apiKey, createTime: now * 1000 });
/** Tokens signed at `now` (through a fixed clock), of both client formats and the REST one. */
const tokens = (() => {
  const realNow = Date.now;
  Date.now = () => now * 1000;
  try {
    return [
      nodeBuild.generateToken(credentials, sessionId, { data: 'a=1&b=2 é', role: 'moderator' }),
      nodeBuild.generateToken(credentials, sessionId, { format: 't1', data: 'x:y%z', initialLayoutClassList: ['a'] }),
      nodeBuild.generateRestToken(credentials),
    ];
  } finally {
    Date.now = realNow;
  }
})();
const valid = [sessionId, ...tokens];

/** Valid values cut, padded, spliced or re-alphabeted: where base64 decoders differ. */
const nearValid = fc.oneof(
  fc
    .tuple(fc.constantFrom(...valid), fc.nat(), fc.nat({ max: 3 }))
    .map(([value, at, pad]) => value.slice(0, at % (value.length + 1)) + '='.repeat(pad)),
  fc
    .tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ maxLength: 3, unit: 'binary' }))
    .map(([value, at, insert]) => {
      const cut = at % (value.length + 1);
      return value.slice(0, cut) + insert + value.slice(cut);
    }),
  fc
    .tuple(fc.constantFrom(...valid), fc.nat(), fc.constantFrom('+', '/', '-', '_', '=', 'A', '.', '%'))
    .map(([value, at, replacement]) => {
      const cut = at % value.length;
      return value.slice(0, cut) + replacement + value.slice(cut + 1);
    }),
  fc.constantFrom(...valid).map((value) => value.replace(/-/g, '+').replace(/_/g, '/')),
);
const input = fc.oneof(nearValid, fc.string(), fc.string({ unit: 'binary' }), fc.anything());

/** What a call did: its value, or its error's class, reason and message. */
function outcome(call: () => unknown): unknown {
  try {
    return { value: call() };
  } catch (error) {
    const { name, message, reason } = error as { name: string; message: string; reason?: string };
    return { error: name, message, reason, ours: error instanceof Error && name !== 'Error' };
  }
}

type Call = (library: typeof Token, value: unknown) => unknown;
const calls: Array<[string, Call]> = [
  ['decodeSessionId', (library, value) => library.decodeSessionId(value as string)],
  ['decodeToken', (library, value) => library.decodeToken(value as string)],
  ['decodeRestToken', (library, value) => library.decodeRestToken(value as string)],
  ['verifyToken', (library, value) => library.verifyToken(value as string, credentials, { now: now + 1 })],
  ['verifyRestToken', (library, value) => library.verifyRestToken(value as string, credentials, { now: now + 1 })],
  // Random nonces: compare whether a token came out, and the claims it carries.
  [
    'generateToken',
    (library, value) => {
      const claims = library.decodeToken(library.generateToken(credentials, value as string, { format: 't1' }));
      return { ...claims, nonce: typeof claims.nonce, createTime: typeof claims.createTime };
    },
  ],
];

describe('the node and the default build agree on every input', () => {
  it('the near-valid generator yields IDs and tokens one character past a 4-character group', () => {
    const samples = fc.sample(nearValid, { numRuns: 2000, seed: 3 });
    expect(samples.some((sample) => /^1_/.test(sample) && sample.slice(2).replace(/=+$/, '').length % 4 === 1)).toBe(
      true,
    );
    expect(samples.some((sample) => sample.startsWith('T1==') && sample.slice(4).length % 4 === 1)).toBe(true);
    expect(samples.filter((sample) => valid.includes(sample)).length).toBeGreaterThan(0);
  });

  it('decides a truncated session ID and a T1 token alike (regressions)', () => {
    const body = sessionId.slice(2);
    const truncated = `1_${body.slice(0, body.length - (body.length % 4))}A`;
    for (const library of [nodeBuild, defaultBuild]) {
      expect(() => library.decodeSessionId(truncated)).toThrow(library.InvalidSessionIdError);
      expect(() => library.decodeToken(`${tokens[1]}A`)).toThrow(library.InvalidTokenError);
    }
  });

  it.each(calls)('%s', (_, call) => {
    fc.assert(
      fc.property(input, (value) => {
        const node = outcome(() => call(nodeBuild, value));
        expect(outcome(() => call(defaultBuild, value))).toEqual(node);
        expect(node).not.toMatchObject({ ours: false });
      }),
      { numRuns: 2000 },
    );
  });
});
