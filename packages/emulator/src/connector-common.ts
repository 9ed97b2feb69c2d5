/**
 * What the connector routes (SIP, Experience Composer, live captions, Audio Connector) share:
 * reading the session and the client token of a start body, with the service's statuses —
 * 400 for a malformed session ID or a token that does not verify for that session, 404 for an
 * unknown session, 403 for a role that may not do it, 409 for a relayed session. A token is
 * never quoted in an answer.
 * @module
 */
import { decodeSessionId, type TokenClaims } from '@opentok/token';
import { admit } from './clients.js';
import type { SessionRecord } from './model.js';
import { badRequest, EmulatorProblem } from './problem.js';
import type { EmulatorState } from './state.js';

/** Roles allowed to start a connector: a moderator may do anything a publisher may. */
export const PUBLISHING_ROLES: readonly string[] = ['publisher', 'publisheronly', 'moderator'];

/** The session of a start body: 400 for a malformed ID, 404 for an unknown one or another project's. */
export function bodySession(state: EmulatorState, apiKey: string, sessionId: unknown): SessionRecord {
  if (typeof sessionId !== 'string' || sessionId === '') throw badRequest('sessionId is required.');
  try {
    decodeSessionId(sessionId);
  } catch {
    throw badRequest('Invalid session ID.');
  }
  const session = state.sessions.find(sessionId);
  if (!session || session.apiKey !== apiKey) throw new EmulatorProblem(404, 'Session not found');
  return session;
}

/** 409 unless the session is routed (connectors need the media router). */
export function requireRouted(session: SessionRecord, what: string): void {
  if (session.mediaMode !== 'routed') {
    throw new EmulatorProblem(409, `Only routed sessions are allowed to initiate ${what}`);
  }
}

/**
 * Verifies the client token of a start body for the session and checks its role: 400 for a
 * missing or invalid token (bad signature, another session, expired), 403 for a role not in
 * `roles`.
 */
export function bodyToken(
  state: EmulatorState,
  session: SessionRecord,
  token: unknown,
  roles: readonly string[],
): TokenClaims {
  if (typeof token !== 'string' || token === '') throw badRequest('token is required.');
  let claims: TokenClaims;
  try {
    claims = admit(state, session.id, token, false);
  } catch (error) {
    if (error instanceof EmulatorProblem) {
      throw new EmulatorProblem(400, `Invalid token: ${error.message}`, error.reason ? { reason: error.reason } : {});
    }
    throw error;
  }
  if (!roles.includes(claims.role)) {
    throw new EmulatorProblem(
      403,
      `A token with the role ${claims.role} may not do this (needs ${roles.join(' or ')})`,
    );
  }
  return claims;
}

/** An optional array of non-empty strings (stream IDs); `null` is absent. */
export function optionalStringArray(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '' && item.length <= 1024)) {
    throw badRequest(`${name} must be an array of IDs.`);
  }
  return value as string[];
}

/** An optional object of string values (headers); `null` is absent. */
export function optionalStringMap(value: unknown, name: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${name} must be an object of strings.`);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 64 || !entries.every(([key, text]) => key.length <= 256 && typeof text === 'string')) {
    throw badRequest(`${name} must be an object of at most 64 strings.`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

export { TimerSet } from './stores/timer-set.js';
