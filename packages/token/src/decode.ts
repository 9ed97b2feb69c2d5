/**
 * Decoding and verifying tokens of both formats, as the media server and the emulator do
 * (protocol.md §2.6, §3): lenient about the many ways SDKs wrote them, strict about the
 * signature, the key, the session and the expiry.
 * @module
 */
import { createSigner, decodeBase64, safeEqual } from '#crypto';
import { InvalidTokenError, OpenTokError, TokenExpiredError } from './errors.js';
import { ROLES, type Role } from './generate.js';
import { decodeSessionId } from './session-id.js';
import { type Credentials, checkCredentials, nowSeconds, toSeconds } from './validate.js';

/** What a client token grants, as {@link decodeToken} and {@link verifyToken} return it. */
export interface TokenClaims {
  format: 'jwt' | 't1';
  apiKey: string;
  sessionId: string;
  role: Role;
  /** Issue time, Unix seconds. */
  createTime: number;
  /** Expiry, Unix seconds (24 hours after `createTime` when the token names none). */
  expireTime: number;
  /** The token's nonce as text (`''` when the token has none). */
  nonce: string;
  data?: string;
  initialLayoutClassList?: string[];
}

/** Options of {@link verifyToken}. */
export interface VerifyOptions {
  /** The time to check expiry against, in Unix seconds or a `Date`. @default now */
  now?: number | Date | undefined;
}

interface Parsed {
  claims: TokenClaims;
  /** The bytes the signature covers. */
  input: string;
  signature: string;
  algorithm: 'sha256' | 'sha1';
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
}

const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;
const DAY = 86400;

const malformed = (message: string): never => {
  throw new InvalidTokenError('malformed', message);
};
const badClaims = (message: string): never => {
  throw new InvalidTokenError('claims', message);
};

function utf8(base64: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64(base64));
  } catch {
    return malformed('Token is not valid UTF-8');
  }
}

/** `k1=v1&k2=v2`, `+` and `%XX` decoded, first occurrence wins (protocol.md §2.3). */
function parseQuery(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const pair of text.split('&')) {
    const at = pair.indexOf('=');
    const [key, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    const decodePart = (part: string): string => {
      try {
        return decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return part;
      }
    };
    const name = decodePart(key);
    if (name && !result.has(name)) result.set(name, decodePart(value));
  }
  return result;
}

function integer(value: unknown, name: string): number {
  const number = typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number)
    ? number
    : badClaims(`Token claim ${name} must be an integer`);
}

function role(value: unknown): Role {
  return ROLES.includes(value as Role) ? (value as Role) : badClaims('Token claim role is not a valid role');
}

function classList(value: string | undefined): string[] | undefined {
  const names = value?.split(/\s+/).filter(Boolean);
  return names?.length ? names : undefined;
}

function parseT1(token: string): Parsed {
  const body = token.slice(4);
  if (!B64.test(body)) malformed('T1 token is not base64');
  const inner = utf8(body);
  const colon = inner.indexOf(':');
  if (colon < 0) malformed('T1 token has no data part');
  const prefix = parseQuery(inner.slice(0, colon));
  const input = inner.slice(colon + 1);
  const fields = parseQuery(input);
  const apiKey = prefix.get('partner_id');
  const signature = prefix.get('sig');
  const sessionId = fields.get('session_id');
  if (!apiKey || !signature) return malformed('T1 token has no partner_id or sig');
  if (!sessionId) return badClaims('Token has no session_id');
  const createTime = integer(fields.get('create_time'), 'create_time');
  const expire = fields.get('expire_time');
  const claims: TokenClaims = {
    format: 't1',
    apiKey,
    sessionId,
    role: role(fields.get('role') ?? 'publisher'),
    createTime,
    expireTime: expire === undefined ? createTime + DAY : integer(expire, 'expire_time'),
    nonce: fields.get('nonce') ?? '',
  };
  const data = fields.get('connection_data');
  if (data !== undefined) claims.data = data;
  const classes = classList(fields.get('initial_layout_class_list'));
  if (classes) claims.initialLayoutClassList = classes;
  return { claims, input, signature: signature.toLowerCase(), algorithm: 'sha1' };
}

function json(segment: string | undefined, what: string): Record<string, unknown> {
  if (!segment || !B64URL.test(segment)) return malformed(`JWT ${what} is not base64url`);
  let value: unknown;
  try {
    value = JSON.parse(utf8(segment));
  } catch (error) {
    if (OpenTokError.isInstance(error)) throw error;
    return malformed(`JWT ${what} is not JSON`);
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : malformed(`JWT ${what} is not a JSON object`);
}

function parseJwtParts(token: string) {
  const parts = token.split('.');
  if (parts.length !== 3) malformed('JWT must have three parts');
  const [head, body, signature] = parts as [string, string, string];
  const header = json(head, 'header');
  const payload = json(body, 'payload');
  if (!B64URL.test(signature)) malformed('JWT signature is not base64url');
  return { header, payload, input: `${head}.${body}`, signature };
}

function parseJwt(token: string): Parsed {
  const { header, payload, input, signature } = parseJwtParts(token);
  const { iss, session_id, iat, create_time, exp, expire_time, nonce, connection_data } = payload;
  if ((typeof iss !== 'string' && typeof iss !== 'number') || iss === '') return badClaims('Token has no iss');
  if (typeof session_id !== 'string' || !session_id) return badClaims('Token has no session_id');
  const createTime = integer(create_time ?? iat, 'iat');
  const expiry = exp ?? expire_time;
  const claims: TokenClaims = {
    format: 'jwt',
    apiKey: String(iss),
    sessionId: session_id,
    role: role(payload.role ?? 'publisher'),
    createTime,
    expireTime: expiry === undefined ? createTime + DAY : integer(expiry, 'exp'),
    nonce: nonce === undefined ? '' : typeof nonce === 'string' ? nonce : JSON.stringify(nonce),
  };
  if (connection_data !== undefined) {
    claims.data =
      typeof connection_data === 'string' ? connection_data : badClaims('Token claim connection_data must be a string');
  }
  const list = payload.initial_layout_class_list;
  if (list !== undefined && typeof list !== 'string')
    badClaims('Token claim initial_layout_class_list must be a string');
  const classes = classList(list as string | undefined);
  if (classes) claims.initialLayoutClassList = classes;
  return { claims, input, signature, algorithm: 'sha256', header, payload };
}

function parse(token: string): Parsed {
  if (typeof token !== 'string' || token === '') return malformed('Token must be a non-empty string');
  if (token.length > 16384) return malformed('Token is too long');
  return token.startsWith('T1==') ? parseT1(token) : parseJwt(token);
}

/**
 * Reads the claims of a T1 or JWT client token **without** checking its signature: use it
 * to look at a token, never to trust one (see {@link verifyToken}).
 * @throws {InvalidTokenError} for anything that is not a well-formed client token.
 */
export function decodeToken(token: string): TokenClaims {
  return parse(token).claims;
}

function checkSignature(parsed: Parsed, apiSecret: string): void {
  if (parsed.algorithm === 'sha256' && parsed.header?.alg !== 'HS256') {
    throw new InvalidTokenError('signature', 'JWT algorithm must be HS256');
  }
  if (!safeEqual(createSigner(parsed.algorithm, apiSecret)(parsed.input), parsed.signature)) {
    throw new InvalidTokenError('signature', 'Token signature does not match');
  }
}

function checkExpiry(expireTime: number, options: VerifyOptions | undefined): void {
  const now = options?.now === undefined ? nowSeconds() : toSeconds(options.now);
  if (now === undefined) throw new InvalidTokenError('claims', 'options.now must be Unix seconds or a Date');
  if (expireTime <= now) throw new TokenExpiredError(expireTime, now);
}

/**
 * Checks a client token as the media server does, then returns its claims: the signature
 * (constant-time), the API key, the session's owner, the role and the expiry.
 * @throws {InvalidTokenError} with a `reason`: `malformed`, `signature`, `api-key`,
 * `session` or `claims`; {@link TokenExpiredError} when it has expired.
 * @throws {InvalidArgumentError} for bad credentials.
 * @example
 * const claims = verifyToken(token, { apiKey, apiSecret })
 * claims.role // 'publisher'
 */
export function verifyToken(token: string, credentials: Credentials, options?: VerifyOptions): TokenClaims {
  const { apiKey, apiSecret } = checkCredentials(credentials);
  const parsed = parse(token);
  const { claims, payload } = parsed;
  if (claims.apiKey !== apiKey) throw new InvalidTokenError('api-key', 'Token was issued for another API key');
  checkSignature(parsed, apiSecret);
  if (payload && (payload.ist !== 'project' || (payload.scope ?? 'session.connect') !== 'session.connect')) {
    badClaims('Token claims ist and scope must be "project" and "session.connect"');
  }
  let owner: string | undefined;
  try {
    owner = decodeSessionId(claims.sessionId).apiKey;
  } catch {
    // reported below
  }
  if (owner !== apiKey) throw new InvalidTokenError('session', 'Token session does not belong to this API key');
  checkExpiry(claims.expireTime, options);
  return claims;
}

/** Claims of an `X-OPENTOK-AUTH` REST token. */
export interface RestTokenClaims {
  apiKey: string;
  /** `iat`, Unix seconds, when present. */
  issuedAt: number | undefined;
  /** `exp`, Unix seconds. */
  expireTime: number;
  /** `jti`, when present. */
  jti: string | undefined;
}

function restClaims(token: string) {
  if (typeof token !== 'string' || token === '' || token.length > 8192) malformed('Token must be a non-empty string');
  const parts = parseJwtParts(token);
  const { iss, iat, exp, jti } = parts.payload;
  if ((typeof iss !== 'string' && typeof iss !== 'number') || iss === '') badClaims('Token has no iss');
  if ((parts.payload.ist ?? parts.header.ist) !== 'project') badClaims('Token claim ist must be "project"');
  const claims: RestTokenClaims = {
    apiKey: String(iss),
    issuedAt: iat === undefined ? undefined : integer(iat, 'iat'),
    expireTime: integer(exp, 'exp'),
    jti: jti === undefined ? undefined : String(jti),
  };
  return { ...parts, claims, algorithm: 'sha256' as const };
}

/**
 * Reads an `X-OPENTOK-AUTH` JWT **without** checking its signature (to find the issuer).
 * @throws {InvalidTokenError}
 */
export function decodeRestToken(token: string): RestTokenClaims {
  return restClaims(token).claims;
}

/**
 * Checks an `X-OPENTOK-AUTH` JWT as the REST service does: HS256 signature with the
 * project's secret, `iss` is the API key, `ist` is `project` (claim or header), not expired.
 * @throws {InvalidTokenError} or {@link TokenExpiredError}.
 */
export function verifyRestToken(token: string, credentials: Credentials, options?: VerifyOptions): RestTokenClaims {
  const { apiKey, apiSecret } = checkCredentials(credentials);
  const parsed = restClaims(token);
  if (parsed.claims.apiKey !== apiKey) throw new InvalidTokenError('api-key', 'Token was issued for another API key');
  checkSignature({ ...parsed, claims: undefined as never }, apiSecret);
  checkExpiry(parsed.claims.expireTime, options);
  return parsed.claims;
}
