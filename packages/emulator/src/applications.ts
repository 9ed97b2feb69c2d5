/**
 * Vonage applications beside projects: an application is known by its ID (a UUID) and its
 * RSA public key. It authenticates with `Authorization: Bearer <RS256 JWT>` (claims
 * `application_id`, `iat`, `exp`, `jti`), its clients with RS256 client tokens, and its
 * answers say `applicationId` where a project's say `projectId` (as `video.api.vonage.com`
 * does). HS256 tokens are refused for an application, RS256 ones for a project.
 * @module
 */
import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { decodeRestToken, InvalidArgumentError, OpenTokError, verifyRestToken } from '@opentok/token';
import type { Context } from 'hono';
import type { EmulatorProject } from './model.js';
import { EmulatorProblem } from './problem.js';
import { checkRestTokenRules, type TokenRules } from './token-rules.js';

/** A Vonage application the emulator accepts: RS256 tokens verified with its public key. */
export interface EmulatorApplication {
  /** The application ID, a UUID. */
  applicationId: string;
  /** Its RSA public key (PEM SPKI, or a `KeyObject`). Not a secret. */
  publicKey: string | KeyObject;
}

/** A throwaway application's credentials, from {@link createApplicationKeys}. */
export interface ApplicationKeys {
  applicationId: string;
  /** PEM PKCS #8, as the Vonage dashboard hands it out. Printing the object hides it. */
  privateKey: string;
  /** PEM SPKI, for `--application ID:PATH` or `startEmulator({ applications })`. */
  publicKey: string;
}

/**
 * A new application ID and RSA key pair (2048 bits), for tests and demos.
 * @example
 * const keys = createApplicationKeys()
 * const emulator = await startEmulator({ applications: [keys] })
 */
export function createApplicationKeys(): ApplicationKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const keys = { applicationId: randomUUID(), privateKey, publicKey };
  Object.defineProperties(keys, {
    [Symbol.for('nodejs.util.inspect.custom')]: {
      value: () => `ApplicationKeys { applicationId: '${keys.applicationId}', privateKey: [redacted] }`,
    },
    toJSON: { value: () => ({ applicationId: keys.applicationId, privateKey: '[redacted]', publicKey }) },
  });
  return keys;
}

const UUID = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;

/**
 * Checks an application given to `startEmulator` and makes it a project record keyed by
 * its ID: `apiKey` holds the ID, `applicationId` and `publicKey` mark it as an application
 * (the verifiers of `@opentok/token` take such a record as an application's credentials).
 * @throws {InvalidArgumentError} for a bad ID or a key that is not an RSA public (or private) key.
 */
export function applicationProject(input: EmulatorApplication): EmulatorProject {
  const applicationId = input?.applicationId;
  if (typeof applicationId !== 'string' || !UUID.test(applicationId)) {
    throw new InvalidArgumentError('applications', 'Every application needs an applicationId that is a UUID');
  }
  let publicKey: KeyObject | undefined;
  try {
    publicKey = createPublicKey(input.publicKey as string);
  } catch {}
  if (publicKey?.asymmetricKeyType !== 'rsa') {
    throw new InvalidArgumentError(
      'applications',
      `Application ${applicationId} needs an RSA public key (PEM or KeyObject)`,
    );
  }
  return { apiKey: applicationId, apiSecret: '', applicationId, publicKey };
}

/** `true` for a record made by {@link applicationProject}. */
export const isApplication = (project: EmulatorProject): boolean => project.applicationId !== undefined;

const forbidden = (message: string, description: string): EmulatorProblem =>
  new EmulatorProblem(403, message, { code: -1, description });

/**
 * Finds the application an `Authorization: Bearer` token is signed for, as the Vonage host
 * does: an RS256 REST token of a known application, verified with its public key.
 * @throws {EmulatorProblem} 403 for an unknown application, a project's (HS256) token or a bad one.
 */
export function byBearerToken(
  token: string,
  projects: Map<string, EmulatorProject>,
  now: number,
  rules: TokenRules,
): EmulatorProject {
  checkRestTokenRules(token, rules, now);
  try {
    const application = projects.get(decodeRestToken(token).apiKey);
    if (!application) throw forbidden('Issuer not found', 'Issuer not found');
    if (!isApplication(application)) {
      throw forbidden('Invalid token', 'A project authenticates with X-OPENTOK-AUTH, not a Bearer token');
    }
    verifyRestToken(token, application as never, { now });
    return application;
  } catch (error) {
    if (error instanceof EmulatorProblem) throw error;
    if (OpenTokError.isInstance(error)) throw forbidden('Invalid token', error.message);
    throw error;
  }
}

/** The project keys that the Vonage host names after the application. */
const RENAMED: Record<string, string> = { projectId: 'applicationId' };

/**
 * A JSON answer (or callback body) with `projectId` renamed `applicationId` (and `partnerId`
 * dropped), at any depth, as the Vonage host names an application's resources.
 */
export function asApplication(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asApplication);
  if (!value || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'partnerId') continue;
    result[RENAMED[key] ?? key] = key === 'projectId' ? String(item) : asApplication(item);
  }
  return result;
}

/**
 * Rewrites the JSON answer of a request an application made: `applicationId` where the
 * OpenTok host writes `projectId`. Other answers pass unchanged.
 */
export async function answerAsApplication(context: Context): Promise<void> {
  const response = context.res;
  if (!response.headers.get('content-type')?.includes('application/json')) return;
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    return;
  }
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  context.res = undefined as never;
  context.res = new Response(JSON.stringify(asApplication(body)), { status: response.status, headers });
}
