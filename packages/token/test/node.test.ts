/**
 * The built package in Node, by its name: `import` and `require` both pick the node build
 * (node:crypto), agree with each other and with a bare HMAC over the same bytes.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectAgreement } from './runtime/agreement.js';
import { CREDENTIALS, FIXED_NOW } from './runtime/probe.js';
import { nodeReference, runNodeProbe } from './runtime/reference.js';

describe('Node ESM: import "@opentok/token"', () => {
  it('resolves to dist/node.js and signs, verifies and decodes there', async () => {
    const { resolved, report } = await nodeReference();
    expect(resolved).toMatch(/\/packages\/token\/dist\/node\.js$/);
    expect(report.runtime).toMatchObject({ hasProcess: true, hasBuffer: true, edgeRuntime: null });
    expect(report.vectorClaims).toHaveLength(report.vectors.length);
    expect(report.live.jwtClaims).toMatchObject({ format: 'jwt', apiKey: CREDENTIALS.apiKey });
  });

  it('signs the vectors with exactly the HMACs that node:crypto computes over the same bytes', async () => {
    const { report } = await nodeReference();
    const [, ...tokens] = report.vectors;
    for (const token of tokens) {
      if (token.startsWith('T1==')) {
        const text = Buffer.from(token.slice(4), 'base64').toString('utf8');
        const colon = text.indexOf(':');
        const signature = /&sig=([0-9a-f]{40})$/.exec(text.slice(0, colon))?.[1];
        expect(signature).toBe(
          createHmac('sha1', CREDENTIALS.apiSecret)
            .update(text.slice(colon + 1))
            .digest('hex'),
        );
      } else {
        const input = token.slice(0, token.lastIndexOf('.'));
        const expected = createHmac('sha256', CREDENTIALS.apiSecret).update(input).digest('base64url');
        expect(token.slice(input.length + 1)).toBe(expected);
        const payload = JSON.parse(Buffer.from(input.split('.')[1] ?? '', 'base64url').toString('utf8'));
        expect(payload.iat).toBe(FIXED_NOW);
      }
    }
  });
});

describe('Node CJS: require("@opentok/token")', () => {
  it('resolves to dist/node.cjs, loads nothing else, and matches the ESM build byte for byte', async () => {
    const reference = await nodeReference();
    const { resolved, loaded, report } = await runNodeProbe('node-common', reference.report.vectors);
    expect(resolved).toMatch(/\/packages\/token\/dist\/node\.cjs$/);
    expect(loaded).toEqual([resolved]);
    expect(report.runtime).toMatchObject({ hasProcess: true, hasBuffer: true, edgeRuntime: null });
    expectAgreement(report, reference.report);
  });
});
