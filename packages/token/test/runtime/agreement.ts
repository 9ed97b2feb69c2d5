/**
 * The checks every runtime's report must pass against the node build: same vectors byte for
 * byte, each side verifying the other's tokens, and the library's own errors.
 */
import { expect } from 'vitest';
import { AWKWARD_DATA, CREDENTIALS, type ProbeReport } from './probe.js';
import { nodeBuild } from './reference.js';

/** Asserts that `report` (from another runtime or build) agrees with the node build's `reference`. */
export function expectAgreement(report: ProbeReport, reference: ProbeReport): void {
  // Fixed clock and bytes: the same strings, so the JWT and T1 signatures match between seams.
  expect(reference.vectors).toHaveLength(8);
  expect(report.vectors).toEqual(reference.vectors);
  expect(report.vectorClaims).toEqual(reference.vectorClaims);
  // The runtime verified the node build's vectors (passed in as `foreign`).
  expect(report.foreignClaims).toEqual(reference.vectorClaims);

  // Its live tokens (its own clock and randomness) verify with the node build.
  const jwt = nodeBuild.verifyToken(report.live.jwt, CREDENTIALS);
  expect(jwt).toEqual(report.live.jwtClaims);
  expect(jwt).toMatchObject({ format: 'jwt', role: 'publisher', data: AWKWARD_DATA });
  const t1 = nodeBuild.verifyToken(report.live.t1, CREDENTIALS);
  expect(t1).toEqual(report.live.t1Claims);
  expect(t1).toMatchObject({ format: 't1', role: 'subscriber', data: AWKWARD_DATA });
  expect(nodeBuild.verifyRestToken(report.live.rest, CREDENTIALS).apiKey).toBe(CREDENTIALS.apiKey);
  expect(report.live.restIssuer).toBe(CREDENTIALS.apiKey);

  const { errors } = report;
  expect(errors.tamperedJwt).toMatchObject({ name: 'InvalidTokenError', reason: 'signature' });
  expect(errors.tamperedT1).toMatchObject({ name: 'InvalidTokenError', reason: 'signature' });
  expect(errors.wrongSecret).toMatchObject({ name: 'InvalidTokenError', reason: 'signature' });
  expect(errors.foreignKey).toMatchObject({ name: 'InvalidTokenError', reason: 'api-key' });
  expect(errors.expired).toMatchObject({ name: 'TokenExpiredError', reason: 'expired' });
  expect(errors.garbage).toMatchObject({ name: 'InvalidTokenError', reason: 'malformed' });
  expect(errors.emptySession.message).toContain('Null or empty session ID');
  expect(errors.otherKeySession.message).toContain('An invalid session ID was passed');
  for (const error of Object.values(errors)) {
    expect(error.isOpenTokError).toBe(true);
    expect(error.message).not.toContain(CREDENTIALS.apiSecret);
  }
}

/** Asserts that a bundle for a non-Node runtime holds the `default` build and not the node one. */
export function expectDefaultBuild(inputs: readonly string[]): void {
  expect(inputs).toContain('dist/default.js');
  expect(inputs.some((file) => file.includes('@noble/hashes'))).toBe(true);
  expect(inputs.filter((file) => file.startsWith('dist/node') || file.startsWith('src/'))).toEqual([]);
}
