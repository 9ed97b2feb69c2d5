/**
 * Signed callbacks: the service can sign each callback it POSTs with a JWT in the
 * `Authorization` header, HS256 with the signature secret configured for the callback URL, its
 * `payload_hash` claim the SHA-256 (hex) of the body. {@link verifyCallback} checks the
 * algorithm (HS256 only), the HMAC (compared in constant time), the age and the body hash, then
 * reads the body as `parseCallback` does. Web Crypto only: runs on Node and in edge runtimes.
 * What the token carries, and what is assumed where the service's documentation is silent, is
 * written down in the repository's `docs/signed-callbacks.md`.
 * @module
 */

import { CallbackVerificationError, type CallbackVerificationReason } from './callback-verification-error.js';
import { type Callback, parseCallback } from './callbacks.js';
import { PREFIX } from './errors.js';
import { fail, requireOptions, show } from './validate.js';

/** The request a callback arrived in: its headers and its raw body, as received. */
export interface SignedCallbackRequest {
  /**
   * A `Headers` object (fetch, Hono, Next.js) or a record of header values (Node's
   * `request.headers`, Express's `req.headers`); names are matched without regard to case.
   */
  headers:
    | {
        /** One header's value, `null` when absent (as `Headers.get`). */
        get(name: string): string | null;
      }
    | Record<string, string | readonly string[] | undefined>;
  /**
   * The raw body, byte for byte: a string, `Uint8Array`, `Buffer` or `ArrayBuffer`. Never a
   * parsed and re-serialised object: its SHA-256 is what the token signs.
   */
  body: string | Uint8Array | ArrayBuffer | ArrayBufferView;
}

/** Options of {@link verifyCallback} and {@link createCallbackVerifier}. */
export interface VerifyCallbackOptions {
  /** Seconds of clock difference allowed on `iat`, `nbf` and `exp`. @default 0 */
  clockTolerance?: number | undefined;
  /** Seconds a token is accepted after its `iat`; `Infinity` to not check its age (replays of saved requests). @default 300 */
  maxAge?: number | undefined;
  /** The current time in milliseconds since the epoch, to check a saved request as of when it arrived. @default Date.now() */
  now?: number | undefined;
}

/** Verifies one request (see {@link createCallbackVerifier}). */
export type CallbackVerifier = (request: SignedCallbackRequest) => Promise<Callback>;

/** Largest body checked, in bytes: far above any callback (the limit of `parseCallback`). */
const MAX_BODY = 1024 * 1024;
const DEFAULT_MAX_AGE = 300;
const JWT = /^Bearer[ \t]+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)[ \t]*$/i;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

const refuse = (reason: CallbackVerificationReason, message: string): never => {
  throw new CallbackVerificationError(reason, `${PREFIX} callback refused: ${message}`);
};

/** The body as bytes, exactly as received. */
function bytesOf(body: unknown): Uint8Array {
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return fail(
    'body',
    `body must be the raw body (a string, Uint8Array or ArrayBuffer), not ${show(body)}: a parsed object cannot be hashed as sent`,
  );
}

/** The one `Authorization` header value, or `undefined`. */
function authorizationOf(headers: unknown): string | undefined {
  if (typeof headers !== 'object' || headers === null)
    return fail('headers', `headers must be an object, not ${show(headers)}`);
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, 'authorization');
    return typeof value === 'string' ? value : undefined;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'authorization') continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
    return refuse('malformed', 'more than one Authorization header');
  }
  return undefined;
}

function base64UrlBytes(part: string): Uint8Array {
  try {
    return Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
  } catch {
    return refuse('malformed', 'the Authorization header is no JWT');
  }
}

function jsonPart(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64UrlBytes(part)));
  } catch {
    // No cause: it would quote the token.
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse('malformed', `the JWT ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Constant-time equality of two byte strings (their length is no secret: 32 bytes). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let index = 0; index < a.length; index++) diff |= (a[index] as number) ^ (b[index % b.length] ?? 0);
  return diff === 0;
}

const hex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (byte) => (byte + 256).toString(16).slice(1)).join('');

function seconds(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    return refuse('malformed', `the JWT claim ${name} is not a number`);
  return value;
}

interface TimeRules {
  clockTolerance: number;
  maxAge: number;
  now: number;
}

function checkTime(claims: Record<string, unknown>, options: TimeRules): void {
  const now = options.now / 1000;
  const tolerance = options.clockTolerance;
  const issuedAt = seconds(claims.iat, 'iat') ?? refuse('malformed', 'the JWT has no iat claim');
  if (issuedAt > now + tolerance) refuse('expired', 'the JWT was issued in the future (iat)');
  if (now - issuedAt > options.maxAge + tolerance) refuse('expired', `the JWT is older than ${options.maxAge} s (iat)`);
  const expires = seconds(claims.exp, 'exp');
  if (expires !== undefined && now > expires + tolerance) refuse('expired', 'the JWT has expired (exp)');
  const notBefore = seconds(claims.nbf, 'nbf');
  if (notBefore !== undefined && notBefore > now + tolerance) refuse('expired', 'the JWT is not valid yet (nbf)');
}

function checkOptions(input: VerifyCallbackOptions | undefined): Omit<TimeRules, 'now'> {
  const options = requireOptions('options', input, ['clockTolerance', 'maxAge', 'now']);
  const { clockTolerance = 0, maxAge = DEFAULT_MAX_AGE, now } = options;
  if (typeof clockTolerance !== 'number' || !(clockTolerance >= 0) || !Number.isFinite(clockTolerance)) {
    fail('clockTolerance', `clockTolerance must be a number of seconds from 0, not ${show(clockTolerance)}`);
  }
  if (typeof maxAge !== 'number' || !(maxAge >= 0)) {
    fail('maxAge', `maxAge must be a number of seconds from 0 (or Infinity), not ${show(maxAge)}`);
  }
  if (now !== undefined && (typeof now !== 'number' || !Number.isFinite(now))) {
    fail('now', `now must be milliseconds since the epoch, not ${show(now)}`);
  }
  return { clockTolerance: clockTolerance as number, maxAge: maxAge as number };
}

/**
 * A verifier for one signature secret: the HMAC key is imported once, then each request is
 * checked as {@link verifyCallback} does.
 * @param secret The signature secret configured for the callback URL.
 * @throws {InvalidArgumentError} for an empty secret or bad options.
 * @example
 * const verify = createCallbackVerifier(process.env.OPENTOK_CALLBACK_SECRET)
 * const callback = await verify({ headers: request.headers, body: await request.arrayBuffer() })
 */
export function createCallbackVerifier(secret: string, options?: VerifyCallbackOptions): CallbackVerifier {
  // The secret is never shown: only its type and length.
  if (typeof secret !== 'string' || secret === '')
    fail('secret', `secret must be a non-empty string, not ${show(secret)}`);
  const checked = checkOptions(options);
  const subtle = globalThis.crypto?.subtle ?? fail('secret', 'crypto.subtle (Web Crypto) is missing in this runtime');
  let key: ReturnType<typeof subtle.importKey> | undefined;
  const hmacKey = () => {
    key ??= subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    return key;
  };
  return async (request) => {
    if (typeof request !== 'object' || request === null)
      fail('request', `request must be { headers, body }, not ${show(request)}`);
    const bytes = bytesOf(request.body);
    if (bytes.byteLength > MAX_BODY) fail('body', `body is larger than ${MAX_BODY} bytes: no callback is`);
    const authorization = authorizationOf(request.headers);
    if (authorization === undefined) return refuse('missingHeader', 'it has no Authorization header');
    const [, header = '', payload = '', signature = ''] =
      JWT.exec(authorization) ?? refuse('malformed', 'the Authorization header is no Bearer JWT');
    const algorithm = jsonPart(header, 'header').alg;
    // Only HS256: `none` would need no secret, and an RS256 token checked as HMAC with a public key would be forgeable.
    if (algorithm !== 'HS256')
      return refuse(
        'algorithm',
        `the JWT algorithm is ${typeof algorithm === 'string' && /^[\w-]{1,16}$/.test(algorithm) ? algorithm : 'not a name'}, not HS256`,
      );
    const expected = new Uint8Array(
      await subtle.sign('HMAC', await hmacKey(), new TextEncoder().encode(`${header}.${payload}`)),
    );
    if (!sameBytes(base64UrlBytes(signature), expected))
      return refuse('badSignature', 'the JWT signature does not match the secret');
    const claims = jsonPart(payload, 'payload');
    checkTime(claims, { ...checked, now: options?.now ?? Date.now() });
    const hash = claims.payload_hash;
    if (typeof hash !== 'string' || !HEX_SHA256.test(hash))
      return refuse('malformed', 'the JWT has no payload_hash claim');
    const actual = new TextEncoder().encode(hex(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
    if (!sameBytes(new TextEncoder().encode(hash.toLowerCase()), actual)) {
      return refuse(
        'bodyHashMismatch',
        'the body is not the one signed (payload_hash); was it parsed and re-serialised?',
      );
    }
    return parseCallback(bytes);
  };
}

/**
 * Verifies a signed callback and reads it: the `Authorization: Bearer` JWT must be HS256
 * (`none`, RS256 and other algorithms are refused), signed with `secret` (compared in constant
 * time), issued at most `maxAge` seconds ago and not in the future, and its `payload_hash` must
 * be the SHA-256 of the raw body. Then the body is read as `parseCallback` reads it. Pass the
 * body exactly as received: a framework's parsed and re-serialised JSON has another hash.
 * @param request The headers and the raw body of the POST.
 * @param secret The signature secret configured for the callback URL.
 * @param options `clockTolerance` and `maxAge` in seconds, `now` for a saved request.
 * @returns The callback, typed on `event` as `parseCallback` returns it.
 * @throws {CallbackVerificationError} with a `reason`: `missingHeader`, `malformed`, `algorithm`, `badSignature`, `expired` or `bodyHashMismatch`.
 * @throws {InvalidArgumentError} for an empty secret, a parsed (not raw) body, bad options, or a signed body that is no callback.
 * @example
 * import { verifyCallback } from '@opentok/rest'
 * export async function POST(request: Request) {
 *   const body = new Uint8Array(await request.arrayBuffer())
 *   const callback = await verifyCallback({ headers: request.headers, body }, process.env.OPENTOK_CALLBACK_SECRET)
 *   if (callback.event === 'archive') console.log(callback.status)
 *   return new Response(null, { status: 204 })
 * }
 */
export function verifyCallback(
  request: SignedCallbackRequest,
  secret: string,
  options?: VerifyCallbackOptions,
): Promise<Callback> {
  try {
    return createCallbackVerifier(secret, options)(request);
  } catch (error) {
    return Promise.reject(error);
  }
}
