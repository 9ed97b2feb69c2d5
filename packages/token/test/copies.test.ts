/**
 * Two copies of the built package side by side, as an application gets them when one
 * dependency `require`s it and another `import`s it: errors made by one copy are recognised
 * by the classes of the other, parent classes included, by their `Symbol.for` brands.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type * as Token from '../src/index.js';
import { packageFolder } from './runtime/reference.js';

const require = createRequire(`${packageFolder}/package.json`);
const commonBuild = require('./dist/node.cjs') as typeof Token;
const moduleBuild = (await import('../dist/node.js' as string)) as typeof Token;
const defaultBuild = (await import('../dist/default.js' as string)) as typeof Token;

const credentials = { apiKey: '123456', apiSecret: 'secret of the copies test' };

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe.each([
  ['CommonJS build, classes of the ESM build', commonBuild, moduleBuild],
  ['ESM build, classes of the CommonJS build', moduleBuild, commonBuild],
  ['default (web) build, classes of the node build', defaultBuild, commonBuild],
])('errors made by the %s', (_, maker, classes) => {
  it('are different classes, yet recognised by isInstance, parents included', () => {
    expect(maker.OpenTokError).not.toBe(classes.OpenTokError);
    const sessionId = maker.encodeSessionId({ apiKey: credentials.apiKey });
    const token = maker.generateToken(credentials, sessionId, { expireTime: Math.floor(Date.now() / 1000) + 60 });
    const expired = thrown(() => maker.verifyToken(token, credentials, { now: Math.floor(Date.now() / 1000) + 61 }));
    const invalidSession = thrown(() => maker.decodeSessionId('1_nonsense'));
    const badArgument = thrown(() => maker.generateToken(credentials, sessionId, { role: 'king' as never }));

    expect(expired).not.toBeInstanceOf(classes.InvalidTokenError);
    expect(classes.TokenExpiredError.isInstance(expired)).toBe(true);
    expect(classes.InvalidTokenError.isInstance(expired)).toBe(true);
    expect(classes.OpenTokError.isInstance(expired)).toBe(true);
    expect(classes.InvalidArgumentError.isInstance(expired)).toBe(false);

    expect(classes.InvalidSessionIdError.isInstance(invalidSession)).toBe(true);
    expect(classes.InvalidArgumentError.isInstance(invalidSession)).toBe(true);
    expect(classes.OpenTokError.isInstance(invalidSession)).toBe(true);
    expect(classes.InvalidTokenError.isInstance(invalidSession)).toBe(false);

    expect(classes.InvalidArgumentError.isInstance(badArgument)).toBe(true);
    expect(classes.InvalidSessionIdError.isInstance(badArgument)).toBe(false);
    expect(classes.TokenExpiredError.isInstance(badArgument)).toBe(false);
    expect(classes.OpenTokError.isInstance(new Error('plain'))).toBe(false);
  });
});
