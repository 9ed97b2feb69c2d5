/**
 * Decoding and verifying tokens of both formats, as the media server and the emulator do
 * (docs/protocol.md §2.6, §3): lenient about the many ways SDKs wrote them, strict about the
 * signature, the key, the session and the expiry.
 * @module
 */
import { createRsaVerifier, createSigner, decodeBase64, safeEqual } from '#crypto';
import { InvalidTokenError, type InvalidTokenReason, PREFIX, TokenExpiredError } from './errors.js';
import { ROLES, type Role } from './generate.js';
import { decodeSessionId } from './session-id.js';
import {
  checkCredentials,
  checkOptions,
  isBase64,
  isCanonicalBase64url,
  must,
  nowSeconds,
  toSeconds,
  type VerifyCredentials,
} from './validate.js';

/** What a client token grants, as {@link decodeToken} and {@link verifyToken} return it. */
export interface TokenClaims {
  format: 'jwt' | 't1';
  /** The project's API key (`iss`), or the application ID of a Vonage application's token. */
  apiKey: string;
  /** The `application_id` of a Vonage application's token (RS256); absent from a project's. */
  applicationId?: string;
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

/** Claims of an `X-OPENTOK-AUTH` REST token. */
export interface RestTokenClaims {
  /** The project's API key (`iss`), or the application ID of a Vonage application's token. */
  apiKey: string;
  /** The `application_id` of a Vonage application's token (RS256); absent from a project's. */
  applicationId?: string | undefined;
  /** `iat`, Unix seconds, when present. */
  issuedAt: number | undefined;
  /** `exp`, Unix seconds. */
  expireTime: number;
  /** `jti`, when present. */
  jti: string | undefined;
}

/**
 * Options of {@link verifyToken} and {@link verifyRestToken}. Any other key is refused.
 */
export interface VerifyOptions {
  /** The time to check the token against, in Unix seconds or a `Date`. @default now */
  now?: number | Date | undefined;
  /**
   * How far in the future (seconds) an issue time (`iat`, `create_time`) may lie, for a
   * signer whose clock runs ahead of the verifier's. Expiry is checked without tolerance.
   * @default 300
   */
  clockTolerance?: number | undefined;
  /**
   * The longest lifetime (seconds) accepted: both `exp - iat` and `exp - now` (the latter
   * plus `clockTolerance`). @default 3600 for REST tokens; no limit for client tokens
   * (whose signers allow up to 30 days, some more).
   */
  maxLifetime?: number | undefined;
}

/** The default {@link VerifyOptions.clockTolerance}, seconds. */
const CLOCK_TOLERANCE = 300;
/** The default {@link VerifyOptions.maxLifetime} of REST tokens, seconds (the longest `ttl` of generateRestToken). */
const REST_MAX_LIFETIME = 3600;

/** Checked verify options; `maxLifetime` is `Infinity` when there is no limit. */
function verifyOptions(options: VerifyOptions | undefined, maxLifetime: number) {
  const given = checkOptions(options, ['now', 'clockTolerance', 'maxLifetime']) as VerifyOptions;
  const now = given.now === undefined ? nowSeconds() : toSeconds(given.now);
  if (now === undefined) must('now', 'be Unix seconds or a Date');
  const seconds = (name: 'clockTolerance' | 'maxLifetime', fallback: number, minimum: number): number => {
    const value = given[name] ?? fallback;
    return typeof value === 'number' && value >= minimum && !Number.isNaN(value)
      ? value
      : must(name, `be a number of seconds${minimum ? ' above 0' : ', 0 or more'}`);
  };
  return {
    now,
    tolerance: seconds('clockTolerance', CLOCK_TOLERANCE, 0),
    maxLifetime: seconds('maxLifetime', maxLifetime, 1),
  };
}

type Fields = Record<string, unknown>;
interface Signed {
  /** The bytes the signature covers, the signature, and the algorithm. */
  input: string;
  signature: string;
  algorithm: 'sha256' | 'sha1';
  header?: Fields;
}

function reject(reason: InvalidTokenReason, message: string): never {
  throw new InvalidTokenError(reason, `${PREFIX} ${message}`);
}

/** Base64 of either alphabet, padding optional, to UTF-8 text. */
function text(base64: string): string {
  try {
    if (!isBase64(base64)) throw 0;
    return new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64(base64));
  } catch {
    return reject('malformed', 'Token is not base64 of UTF-8 text');
  }
}

/** `k1=v1&k2=v2`, `+` and `%XX` decoded, first occurrence wins (docs/protocol.md §2.3). */
function parseQuery(query: string): Fields {
  const fields: Fields = Object.create(null);
  for (const pair of query.split('&')) {
    const [key = '', value = ''] = pair.split(/=(.*)/s).map((part) => {
      try {
        return decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return part;
      }
    });
    if (key && !(key in fields)) fields[key] = value;
  }
  return fields;
}

function integer(value: unknown, name: string): number {
  const number = typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? +value : value;
  return Number.isSafeInteger(number) ? (number as number) : reject('claims', `Token claim ${name} must be an integer`);
}

/** A JWT's three parts: header and payload as objects. */
function jwtParts(token: string): Signed & { header: Fields; payload: Fields } {
  const [header, payload, signature = '', extra] = token.split('.').map((part, index) => {
    if (index > 1) return part;
    let value: unknown;
    try {
      value = JSON.parse(/^[\w-]+$/.test(part) ? text(part) : '');
    } catch {}
    return value && typeof value === 'object' && !Array.isArray(value)
      ? value
      : reject('malformed', 'Token is not a JWT');
  }) as [Fields, Fields, string, unknown];
  if (extra !== undefined || !/^[\w-]+$/.test(signature)) reject('malformed', 'Token is not a JWT');
  return { header, payload, signature, input: token.slice(0, token.lastIndexOf('.')), algorithm: 'sha256' };
}

export function parse(token: string): Signed & { claims: TokenClaims; payload?: Fields } {
  if (typeof token !== 'string' || !token || token.length > 16384)
    reject('malformed', 'Token must be a non-empty string');
  let signed: Signed;
  let fields: Fields;
  let apiKey: unknown;
  if (token.startsWith('T1==')) {
    const inner = text(token.slice(4));
    const colon = inner.indexOf(':');
    const prefix = parseQuery(inner.slice(0, colon));
    fields = parseQuery(inner.slice(colon + 1));
    apiKey = prefix.partner_id;
    if (colon < 0 || !apiKey || !prefix.sig) reject('malformed', 'T1 token has no partner_id, sig or data');
    // Strict: the service writes the HMAC-SHA1 in lower-case hex, and so does every SDK; an
    // upper-case spelling is not a signature it made.
    signed = { input: inner.slice(colon + 1), signature: `${prefix.sig}`, algorithm: 'sha1' };
  } else {
    const parts = jwtParts(token);
    fields = parts.payload;
    apiKey = fields.application_id ?? fields.iss;
    signed = parts;
  }
  const { session_id, role = 'publisher', connection_data, initial_layout_class_list = '', nonce = '' } = fields;
  const createTime = integer(fields.create_time ?? fields.iat, 'create_time');
  const expireTime = fields.exp ?? fields.expire_time;
  if ((typeof apiKey !== 'string' && typeof apiKey !== 'number') || apiKey === '')
    reject('claims', 'Token has no API key');
  if (typeof session_id !== 'string' || !session_id) reject('claims', 'Token has no session_id');
  if (!ROLES.includes(role as Role)) reject('claims', 'Token role is not valid');
  if (typeof (connection_data ?? '') !== 'string' || typeof (initial_layout_class_list ?? '') !== 'string') {
    reject('claims', 'Token connection_data and initial_layout_class_list must be strings');
  }
  const claims: TokenClaims = {
    format: signed.algorithm === 'sha1' ? 't1' : 'jwt',
    apiKey: `${apiKey}`,
    sessionId: session_id as string,
    role: role as Role,
    createTime,
    expireTime: expireTime === undefined ? createTime + 86400 : integer(expireTime, 'expire_time'),
    nonce: typeof nonce === 'string' ? nonce : JSON.stringify(nonce),
  };
  if (fields.application_id !== undefined) claims.applicationId = claims.apiKey;
  if (connection_data != null) claims.data = connection_data as string;
  const classes = `${initial_layout_class_list ?? ''}`.split(/\s+/).filter(Boolean);
  if (classes.length) claims.initialLayoutClassList = classes;
  return { ...signed, claims, payload: fields };
}

/**
 * Signature, key and time checks shared by client and REST tokens: issue times at most
 * `clockTolerance` ahead, not expired, a lifetime of at most `maxLifetime`.
 */
function check(
  signed: Signed,
  claims: { apiKey: string; expireTime: number },
  issueTimes: readonly number[],
  credentials: VerifyCredentials,
  options: VerifyOptions | undefined,
  maxLifetime: number,
  valid?: boolean,
): void {
  const [id, key, application] = checkCredentials(credentials);
  const { now, tolerance, maxLifetime: longest } = verifyOptions(options, maxLifetime);
  if (claims.apiKey !== id)
    reject('api-key', `Token was issued for another ${application ? 'application' : 'API key'}`);
  // An application's tokens are RS256 only, a project's HS256 (or T1) only: a token never
  // verifies with the other kind of key (no HS256 keyed with an application's PEM text).
  const algorithm = application ? 'RS256' : 'HS256';
  if (signed.header ? signed.header.alg !== algorithm : application) {
    reject('signature', `Token algorithm must be ${algorithm}`);
  }
  // RS256 signatures are decoded by `crypto`, which ignores the spare bits of the last
  // character: only the canonical spelling is accepted (HS256 and T1 compare the text itself).
  if (
    (application && !isCanonicalBase64url(signed.signature)) ||
    !(
      valid ??
      (application
        ? createRsaVerifier(key)(signed.input, signed.signature)
        : safeEqual(createSigner(signed.algorithm, key as string)(signed.input), signed.signature))
    )
  ) {
    reject('signature', 'Token signature does not match');
  }
  const { expireTime } = claims;
  for (const issued of issueTimes) {
    if (issued > now + tolerance) {
      reject('claims', `Token issue time ${issued} is in the future (now ${now}, clock tolerance ${tolerance} s)`);
    }
    if (expireTime - issued > longest) {
      reject('claims', `Token lifetime ${expireTime - issued} s is longer than the ${longest} s allowed`);
    }
  }
  if (expireTime <= now) throw new TokenExpiredError(expireTime, now);
  if (expireTime - now > longest + tolerance) {
    reject('claims', `Token expires ${expireTime - now} s from now, more than the ${longest} s allowed`);
  }
}

/**
 * Reads the claims of a T1 or JWT client token **without** checking its signature: use it
 * to look at a token, never to trust one (see {@link verifyToken}).
 * @throws {InvalidTokenError} for anything that is not a well-formed client token.
 */
export function decodeToken(token: string): TokenClaims {
  return parse(token).claims;
}

/**
 * Checks a client token as the media server does, then returns its claims: the signature
 * (constant-time), the API key, the session's owner, the role and the expiry.
 * Issue times (`create_time`, `iat`) may lie at most `clockTolerance` (300 s) ahead of `now`.
 * @throws {InvalidTokenError} with a `reason`: `malformed`, `signature`, `api-key`,
 * `session` or `claims`; {@link TokenExpiredError} when it has expired.
 * @throws {InvalidArgumentError} for bad credentials or options.
 * @example
 * const claims = verifyToken(token, { apiKey, apiSecret })
 * claims.role // 'publisher'
 */
export function verifyToken(token: string, credentials: VerifyCredentials, options?: VerifyOptions): TokenClaims {
  return verifyParsed(parse(token), credentials, options);
}

/** The client token checks of {@link verifyToken} on a parsed token (`valid`: the signature, when already checked). */
export function verifyParsed(
  parsed: ReturnType<typeof parse>,
  credentials: VerifyCredentials,
  options: VerifyOptions | undefined,
  valid?: boolean,
): TokenClaims {
  const { claims, payload = {} } = parsed;
  const issueTimes = [claims.createTime];
  if (claims.format === 'jwt' && payload.iat !== undefined) issueTimes.push(integer(payload.iat, 'iat'));
  check(parsed, claims, issueTimes, credentials, options, Number.POSITIVE_INFINITY, valid);
  if (
    claims.format === 'jwt' &&
    ((claims.applicationId === undefined && payload.ist !== 'project') ||
      (payload.scope ?? 'session.connect') !== 'session.connect')
  ) {
    reject('claims', 'Token ist and scope must be "project" and "session.connect"');
  }
  let owner: string | undefined;
  try {
    owner = decodeSessionId(claims.sessionId).apiKey;
  } catch {}
  if (owner !== claims.apiKey)
    reject('session', `Token session does not belong to this ${claims.applicationId ? 'application' : 'API key'}`);
  return claims;
}

/** Claims only client tokens carry: a token with any of them is never a REST credential. */
const CLIENT_CLAIMS = ['scope', 'session_id', 'role'];

export function parseRest(token: string) {
  if (typeof token !== 'string' || token.length > 8192) reject('malformed', 'Token must be a string');
  if (token.startsWith('T1==')) reject('claims', 'A T1 client token is not a REST token');
  const parts = jwtParts(token);
  const { iss, application_id, iat, exp, jti, ist = parts.header.ist } = parts.payload;
  const id = application_id ?? iss;
  if (CLIENT_CLAIMS.some((claim) => Object.hasOwn(parts.payload, claim))) {
    reject('claims', 'A client token (it has scope, session_id or role) is not a REST token');
  }
  if ((typeof id !== 'string' && typeof id !== 'number') || id === '') reject('claims', 'Token has no iss');
  if (application_id === undefined && ist !== 'project') reject('claims', 'Token ist must be "project"');
  const claims: RestTokenClaims = {
    apiKey: `${id}`,
    applicationId: application_id === undefined ? undefined : `${id}`,
    issuedAt: iat === undefined ? undefined : integer(iat, 'iat'),
    expireTime: integer(exp, 'exp'),
    jti: jti === undefined ? undefined : `${jti}`,
  };
  return { parts, claims };
}

/**
 * Reads an `X-OPENTOK-AUTH` JWT **without** checking its signature (to find the issuer).
 * Client tokens (T1, or a JWT with `scope`, `session_id` or `role`) are refused.
 * @throws {InvalidTokenError}
 */
export function decodeRestToken(token: string): RestTokenClaims {
  return parseRest(token).claims;
}

/**
 * Checks an `X-OPENTOK-AUTH` JWT as the REST service does: HS256 signature with the
 * project's secret, `iss` is the API key, `ist` is `project` (claim or header), none of the
 * claims of a client token (`scope`, `session_id`, `role`; a T1 token is never one), `iat` at
 * most `clockTolerance` (300 s) ahead, not expired, and a lifetime of at most `maxLifetime`
 * (3600 s) both as `exp - iat` and as `exp - now`.
 * @throws {InvalidTokenError} (`reason: 'claims'` for a client token or bad times) or
 * {@link TokenExpiredError}.
 * @throws {InvalidArgumentError} for bad credentials or options.
 * @example
 * verifyRestToken(request.headers.get('x-opentok-auth') ?? '', { apiKey, apiSecret }, { clockTolerance: 60 })
 */
export function verifyRestToken(
  token: string,
  credentials: VerifyCredentials,
  options?: VerifyOptions,
): RestTokenClaims {
  return verifyParsedRest(parseRest(token), credentials, options);
}

/** The checks of {@link verifyRestToken} on a parsed token (`valid`: the signature, when already checked). */
export function verifyParsedRest(
  { parts, claims }: ReturnType<typeof parseRest>,
  credentials: VerifyCredentials,
  options: VerifyOptions | undefined,
  valid?: boolean,
): RestTokenClaims {
  check(
    parts,
    claims,
    claims.issuedAt === undefined ? [] : [claims.issuedAt],
    credentials,
    options,
    REST_MAX_LIFETIME,
    valid,
  );
  return claims;
}
