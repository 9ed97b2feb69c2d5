/** Checks an {@link RsaProbeReport} from a Web Crypto runtime with `node:crypto` and the node build. */
import { verify } from 'node:crypto';
import { expect } from 'vitest';
import fixture from '../../src/__fixtures__/rsa-application.json' with { type: 'json' };
import { nodeBuild } from './reference.js';
import type { RsaProbeReport } from './rsa-probe.js';

/** The fixture's throwaway application, as the probes take it. */
export const RSA_APPLICATION = {
  applicationId: fixture.applicationId,
  privateKey: fixture.privateKey,
  publicKey: fixture.publicKey,
};

export function expectRsaReport(text: string): void {
  const report = JSON.parse(text) as RsaProbeReport;
  const { applicationId, publicKey } = RSA_APPLICATION;
  expect(report.verified).toEqual({ role: 'moderator', applicationId, restApplicationId: applicationId });
  expect(report.synchronousError?.name).toBe('InvalidArgumentError');
  expect(report.synchronousError?.message).toMatch(/RS256 is asynchronous here/);
  for (const token of [report.token, report.restToken]) {
    const dot = token.lastIndexOf('.');
    expect(
      verify('sha256', Buffer.from(token.slice(0, dot)), publicKey, Buffer.from(token.slice(dot + 1), 'base64url')),
    ).toBe(true);
  }
  const claims = nodeBuild.verifyToken(report.token, { applicationId, publicKey });
  expect(claims).toMatchObject({ sessionId: report.sessionId, role: 'moderator', data: 'userId:42' });
  expect(nodeBuild.verifyRestToken(report.restToken, { applicationId, publicKey }).applicationId).toBe(applicationId);
}
