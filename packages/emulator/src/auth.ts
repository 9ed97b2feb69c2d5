/**
 * Request authentication as the service does it (docs/protocol.md §4): `X-OPENTOK-AUTH` (HS256
 * JWT), `X-TB-PARTNER-AUTH` (`key:secret`) and `X-TB-TOKEN-AUTH` (a moderator T1 token).
 * Signatures are checked by `@opentok/token`; no failure message contains a credential.
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import {
  decodeRestToken,
  decodeToken,
  InvalidTokenError,
  OpenTokError,
  verifyRestToken,
  verifyToken,
} from '@opentok/token';
import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from './app-env.js';
import { answerAsApplication, byBearerToken, isApplication } from './applications.js';
import type { EmulatorProject } from './model.js';
import { EmulatorProblem } from './problem.js';
import {
  checkRestTokenRules,
  clientTokenFromFuture,
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_MAX_REST_TOKEN_LIFETIME_SECONDS,
  type TokenRules,
} from './token-rules.js';

const DEFAULT_RULES: TokenRules = {
  clockTolerance: DEFAULT_CLOCK_TOLERANCE_SECONDS,
  maxRestTokenLifetime: DEFAULT_MAX_REST_TOKEN_LIFETIME_SECONDS,
};

/** Reads one request header, case-insensitively. */
export type HeaderReader = (name: string) => string | undefined;

const forbidden = (message: string, description?: string): EmulatorProblem =>
  new EmulatorProblem(403, message, description === undefined ? { code: -1 } : { code: -1, description });

/** Why a token failed, without the token: the messages of `@opentok/token` never carry one. */
function tokenFailure(error: unknown): EmulatorProblem {
  if (OpenTokError.isInstance(error)) return forbidden('Invalid token', error.message);
  throw error;
}

function sameText(first: string, second: string): boolean {
  const left = Buffer.from(first);
  const right = Buffer.from(second);
  return left.length === right.length && timingSafeEqual(left, right);
}

function byRestToken(
  token: string,
  projects: Map<string, EmulatorProject>,
  now: number,
  rules: TokenRules,
): EmulatorProject {
  // The emulator's own rules first: a client token is never a REST credential.
  checkRestTokenRules(token, rules, now);
  let apiKey: string;
  try {
    apiKey = decodeRestToken(token).apiKey;
  } catch (error) {
    throw tokenFailure(error);
  }
  const project = projects.get(apiKey);
  if (!project) throw forbidden('Issuer not found', 'Issuer not found');
  if (isApplication(project)) {
    throw forbidden('Invalid token', 'An application authenticates with Authorization: Bearer, not X-OPENTOK-AUTH');
  }
  try {
    verifyRestToken(token, project, { now });
  } catch (error) {
    throw tokenFailure(error);
  }
  return project;
}

function byPartnerSecret(value: string, projects: Map<string, EmulatorProject>): EmulatorProject {
  const colon = value.indexOf(':');
  const project = colon > 0 ? projects.get(value.slice(0, colon).trim()) : undefined;
  if (!project || isApplication(project) || !sameText(value.slice(colon + 1), project.apiSecret)) {
    throw forbidden('Invalid partner credentials');
  }
  return project;
}

function byModeratorToken(
  token: string,
  projects: Map<string, EmulatorProject>,
  now: number,
  rules: TokenRules,
): EmulatorProject {
  try {
    const claims = decodeToken(token);
    const project = projects.get(claims.apiKey);
    if (!project) throw forbidden('Invalid partner credentials');
    if (claims.format !== 't1') throw new InvalidTokenError('malformed', 'X-TB-TOKEN-AUTH takes a T1 token');
    const verified = verifyToken(token, project, { now });
    if (clientTokenFromFuture(verified.createTime, rules, now)) {
      throw forbidden('Invalid token', 'Token issue time (create_time) is in the future');
    }
    if (verified.role !== 'moderator') {
      throw forbidden('Invalid token', 'X-TB-TOKEN-AUTH needs a token with the moderator role');
    }
    return project;
  } catch (error) {
    if (error instanceof EmulatorProblem) throw error;
    throw tokenFailure(error);
  }
}

/**
 * Finds the project a request is signed for, trying `Authorization: Bearer` (a Vonage
 * application's RS256 token), then `X-OPENTOK-AUTH`, then
 * `X-TB-PARTNER-AUTH`, then `X-TB-TOKEN-AUTH`: the first header present decides.
 * @throws {EmulatorProblem} 403 with the service's message (`No suitable authentication
 * found`, `Issuer not found`, `Invalid partner credentials`, `Invalid token`).
 * `X-OPENTOK-AUTH` takes REST tokens only: a client token there is a 403, as is any token
 * issued beyond the clock tolerance or a REST token living longer than the maximum lifetime.
 * @param now the time tokens are checked against, in Unix seconds.
 * @param rules the clock tolerance and maximum REST token lifetime, in seconds.
 */
export function authenticate(
  header: HeaderReader,
  projects: Map<string, EmulatorProject>,
  now: number = Date.now() / 1000,
  rules: TokenRules = DEFAULT_RULES,
): EmulatorProject {
  // A Vonage application: `Authorization: Bearer <RS256 JWT>` (see applications.ts).
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header('authorization') ?? '');
  if (bearer) return byBearerToken(bearer[1] as string, projects, now, rules);
  const restToken = header('x-opentok-auth');
  if (restToken) return byRestToken(restToken.trim(), projects, now, rules);
  const partner = header('x-tb-partner-auth');
  if (partner) return byPartnerSecret(partner, projects);
  const token = header('x-tb-token-auth');
  if (token) return byModeratorToken(token.trim(), projects, now, rules);
  throw forbidden('No suitable authentication found');
}

/** What the authentication middleware needs from the emulator's state. */
export interface AuthenticationSource {
  projects: Map<string, EmulatorProject>;
  /** The emulator's clock, in milliseconds. */
  now: () => number;
  tokenRules: TokenRules;
}

/** Authenticates a request against the emulator's projects, on its clock and token rules. */
export function authenticateRequest(header: HeaderReader, source: AuthenticationSource): EmulatorProject {
  return authenticate(header, source.projects, source.now() / 1000, source.tokenRules);
}

/**
 * The one authentication middleware of every `/v2/project/:apiKey/*` (and `/v2/partner/…`)
 * route: the request must be signed for a known project, and that project must be the
 * `{apiKey}` of the path (403 otherwise). Handlers then read `context.get('project')`.
 */
export function projectAuthentication(source: AuthenticationSource): MiddlewareHandler<EmulatorEnv> {
  return async (context, next) => {
    const project = authenticateRequest((name) => context.req.header(name), source);
    if (project.apiKey !== context.req.param('apiKey')) {
      throw new EmulatorProblem(403, 'The credentials are not valid for this project.', { code: -1 });
    }
    context.set('project', project);
    await next();
    if (isApplication(project)) await answerAsApplication(context);
  };
}
