/**
 * Client tokens: the JWT the official SDKs emit by default since late 2024, and the older
 * T1 format (docs/protocol.md §2, §3). Synchronous, offline.
 * @module
 */
import { createApplicationSigner, createSigner, encodeBase64 } from '#crypto';
import { checkSessionIdArgument } from './argument-mistakes.js';
import { randomUint32 } from './random.js';
import { invalid, sessionFields } from './session-id.js';
import {
  type Credentials,
  checkCredentialsWith,
  checkOptions,
  fail,
  jwtHeader,
  must,
  nowSeconds,
  toSeconds,
} from './validate.js';

/** What a client may do in a session. */
export type Role = 'publisher' | 'subscriber' | 'moderator' | 'publisheronly';

/** Every valid {@link Role}. */
export const ROLES: readonly Role[] = ['publisher', 'subscriber', 'moderator', 'publisheronly'];

/** Options of {@link generateToken}. */
export interface TokenOptions {
  /** @default 'publisher' */
  role?: Role | undefined;
  /**
   * When the token expires, in Unix seconds (or a `Date`). Must be in the future and at
   * most 30 days ahead. @default now + 24 hours
   */
  expireTime?: number | Date | undefined;
  /** Connection data that other clients see, such as `userId:42`; at most 1000 characters. */
  data?: string | undefined;
  /** CSS class names for the client's streams in composed archives and broadcasts. */
  initialLayoutClassList?: readonly string[] | undefined;
  /**
   * `jwt` (what the official SDKs emit since 2.19) or the older `t1` (projects only: a
   * Vonage application's tokens are RS256 JWTs). @default 'jwt'
   */
  format?: 'jwt' | 't1' | undefined;
}

/** Signs tokens for one project or application; see {@link createTokenGenerator}. */
export type TokenGenerator = (sessionId: string, options?: TokenOptions) => string;

const DAY = 86400;

/** The keys of {@link TokenOptions}: any other key is refused as a likely misspelling. */
const OPTION_KEYS: readonly string[] = ['role', 'expireTime', 'data', 'initialLayoutClassList', 'format'];

/** Percent-encodes as the official Node SDK's `querystring.stringify` does. */
function percentEncode(argument: string, value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return must(argument, `not hold a lone surrogate`);
  }
}

/**
 * The token signer of {@link createTokenGenerator} and `createTokenGeneratorAsync`: every
 * check and both formats. A project's JWTs are HS256 from the secret; an application's
 * credentials go to `applicationSigner`, which checks them and returns the application ID
 * and its signer, handed the payload's claims from `,"iat"` on.
 * @internal
 */
export function tokenSigner<Signed>(
  credentials: Credentials,
  applicationSigner: (credentials: Credentials) => [id: string, sign: (claims: string) => Signed, application: true],
): (sessionId: string, options?: TokenOptions) => string | Signed {
  const [id, key, application]: [string, (claims: string) => Signed, true] | [string, string, false] =
    checkCredentialsWith(credentials, applicationSigner);
  const jwtStart = jwtHeader(false);
  const issuer = `{"iss":${JSON.stringify(id)},"ist":"project"`;
  let signJwt: ((input: string) => string) | undefined;
  let signT1: ((data: string) => string) | undefined;
  // The last session ID checked (NaN: none yet, equal to no argument).
  let knownSession: unknown = Number.NaN;
  let escapedSession = '';

  return (sessionId, options) => {
    if (sessionId !== knownSession) {
      checkSessionIdArgument(sessionId);
      if (sessionFields(sessionId)[1] !== id) invalid();
      escapedSession = encodeURIComponent((knownSession = sessionId));
    }
    const {
      role = 'publisher',
      data,
      initialLayoutClassList: classList,
      format = 'jwt',
      expireTime,
    } = checkOptions(options, OPTION_KEYS) as TokenOptions;
    if (!ROLES.includes(role)) must('role', `be one of ${ROLES.join(', ')}`);
    if (format !== 'jwt' && (format !== 't1' || application))
      must('format', `be 'jwt'${application ? '' : " or 't1'"}`);
    const now = nowSeconds();
    const expiry = expireTime === undefined ? now + DAY : toSeconds(expireTime);
    if (expiry === undefined || expiry <= now || expiry > now + 30 * DAY) {
      fail(
        'expireTime',
        `Expire time must be ${expiry === undefined ? 'a number or a Date' : expiry <= now ? 'in the future' : 'in the next 30 days'}`,
      );
    }
    if (data !== undefined && (typeof data !== 'string' || data.length > 1000)) {
      fail('data', 'Connection data must be a string of at most 1000 characters');
    }
    let classes = '';
    let encodedClasses = '';
    if (classList !== undefined) {
      if (
        !Array.isArray(classList) ||
        classList.some((name) => typeof name !== 'string' || !/^\S+$/.test(name)) ||
        (classes = classList.join(' ')).length > 1000
      ) {
        must('initialLayoutClassList', 'be an array of names without spaces, 1000 characters in all');
      }
      encodedClasses = percentEncode('initialLayoutClassList', classes);
    }
    const encodedData = data === undefined ? '' : `&connection_data=${percentEncode('data', data)}`;
    const nonce = randomUint32();

    if (format === 'jwt') {
      const claims =
        `,"iat":${now},"exp":${expiry},"session_id":"${sessionId}","create_time":${now},` +
        `"nonce":${nonce},"role":"${role}","expire_time":${expiry},` +
        (data === undefined ? '' : `"connection_data":${JSON.stringify(data)},`) +
        `"initial_layout_class_list":${JSON.stringify(classes)},"scope":"session.connect"}`;
      if (application) return key(claims);
      const input = jwtStart + encodeBase64(issuer + claims, true);
      return `${input}.${(signJwt ??= createSigner('sha256', key))(input)}`;
    }
    const signed =
      `session_id=${escapedSession}&create_time=${now}&nonce=${nonce}&role=${role}&expire_time=${expiry}` +
      `${encodedData}&initial_layout_class_list=${encodedClasses}&scope=session.connect`;
    return `T1==${encodeBase64(`partner_id=${id}&sig=${(signT1 ??= createSigner('sha1', key as string))(signed)}:${signed}`, false)}`;
  };
}

/**
 * Binds credentials once and returns a fast token signer: the key checks, the signing key
 * and the constant parts of both token formats are computed here, not per token.
 *
 * Either credentials: an OpenTok project's `{ apiKey, apiSecret }` (HS256 JWTs, or T1) or a
 * Vonage application's `{ applicationId, privateKey }` (RS256 JWTs, the key parsed here).
 * RS256 is synchronous where `node:crypto` is there (Node, Bun, Deno); elsewhere use
 * `createTokenGeneratorAsync`.
 * @throws {InvalidArgumentError} for missing or malformed credentials, or an application's
 * credentials in a runtime without `node:crypto`.
 * @example
 * const sign = createTokenGenerator({ apiKey: '123456', apiSecret: process.env.OPENTOK_API_SECRET })
 * const token = sign(sessionId, { role: 'subscriber', data: 'userId:42' })
 */
export function createTokenGenerator(credentials: Credentials): TokenGenerator {
  return tokenSigner(credentials, createApplicationSigner);
}

/**
 * Signs a client token that lets a browser or mobile client join `sessionId`.
 * Synchronous and offline. When signing many tokens, {@link createTokenGenerator} is faster.
 * @throws {InvalidSessionIdError} `Null or empty session ID is not valid`, or
 * `An invalid session ID was passed` when the ID does not decode or belongs to another key.
 * @throws {InvalidArgumentError} for bad credentials or options, or an unknown option key.
 * @example
 * const token = generateToken({ apiKey, apiSecret }, sessionId, { role: 'moderator' })
 */
export function generateToken(credentials: Credentials, sessionId: string, options?: TokenOptions): string {
  // Servers call this with the same credentials every time: keep the last generator
  // (and with it the signing key and the last checked session) instead of rebuilding it.
  const given = Object(credentials);
  const id = given.apiKey ?? given.applicationId;
  const secret = given.apiSecret ?? given.privateKey;
  if (!last || last[0] !== id || last[1] !== secret) last = [id, secret, createTokenGenerator(credentials)];
  return last[2](sessionId, options);
}

/** The last generator made by {@link generateToken}, with the key (or ID) and secret it was made for. */
let last: [id: unknown, secret: unknown, sign: TokenGenerator] | undefined;
