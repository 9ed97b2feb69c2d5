/**
 * The probe every runtime of the matrix runs, bundled together with the built package
 * (imported by its name, so the runtime's export conditions pick the build).
 *
 * It reports three things as plain JSON:
 * - `runtime`: what the globals say about where it runs (no `process` outside Node, ...);
 * - `vectors`: tokens signed with a fixed clock and fixed "random" bytes, so that every
 *   runtime and both builds must produce the very same strings;
 * - checks of live tokens (the runtime's real clock) and of the errors, plus the claims
 *   of tokens made elsewhere (`foreign`), verified here.
 * @module
 */
import type * as Token from '../../src/index.js';

/** The package as `import * as library from '@opentok/token'` gives it to the entry. */
export type TokenModule = typeof Token;

/** A test project; the secret is not ASCII so that both seams must agree on its UTF-8 bytes. */
export const CREDENTIALS = { apiKey: '4567890', apiSecret: 'sécret & = : 🔑 of the runtime matrix' } as const;

/** The fixed clock of the vectors: 2026-01-01T00:00:00Z, in Unix seconds. */
export const FIXED_NOW = 1_767_225_600;

/** Connection data that must survive as is: separators of both formats, Unicode, quotes. */
export const AWKWARD_DATA = 'name=Zoë&role=moderator:x "quoted" \\ 🎉 session_id=1_forged&expire_time=1';

/** The bad inputs the probe feeds the library. */
export type ErrorCase =
  | 'tamperedJwt'
  | 'tamperedT1'
  | 'wrongSecret'
  | 'foreignKey'
  | 'expired'
  | 'emptySession'
  | 'otherKeySession'
  | 'garbage';

/** What the library threw, as seen inside the runtime. */
export interface CaughtError {
  name: string;
  message: string;
  reason?: string;
  isOpenTokError: boolean;
}

/** What a runtime reports back. Plain JSON, so it crosses VM, process and page boundaries. */
export interface ProbeReport {
  runtime: {
    hasProcess: boolean;
    hasBuffer: boolean;
    hasRequire: boolean;
    hasWindow: boolean;
    edgeRuntime: string | null;
    userAgent: string | null;
  };
  vectors: string[];
  /** Claims of each vector, verified here at {@link FIXED_NOW}. */
  vectorClaims: unknown[];
  /** Claims of the tokens passed in, verified here at {@link FIXED_NOW}. */
  foreignClaims: unknown[];
  live: {
    jwt: string;
    t1: string;
    rest: string;
    jwtClaims: unknown;
    t1Claims: unknown;
    restIssuer: string;
  };
  errors: Record<ErrorCase, CaughtError>;
}

type Scope = Record<string, unknown>;
type Filler = <T extends ArrayBufferView>(array: T) => T;

/** Fills any typed array with the same bytes in every runtime. */
const fixedBytes: Filler = (array) => {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 151 + 89) & 255;
  return array;
};

/**
 * Runs `body` with `Date.now` frozen at {@link FIXED_NOW} and `crypto.getRandomValues` /
 * `crypto.randomUUID` returning fixed values, then puts the real ones back.
 */
function withFixedWorld<T>(body: () => T): T {
  const crypto = (globalThis as Scope).crypto as Scope;
  const realNow = Date.now;
  const saved = ['getRandomValues', 'randomUUID'].map(
    (name) => [name, Object.getOwnPropertyDescriptor(crypto, name)] as const,
  );
  let uuids = 0;
  Date.now = () => FIXED_NOW * 1000 + 250;
  crypto.getRandomValues = fixedBytes;
  crypto.randomUUID = () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`;
  try {
    return body();
  } finally {
    Date.now = realNow;
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(crypto, name, descriptor);
      else delete crypto[name];
    }
  }
}

/**
 * Signs the vectors. Every runtime makes the same calls in the same order, first thing after
 * loading the package: this relies on the package drawing randomness only when it signs (its
 * nonce pool fills on the first token), which is what random.ts does.
 */
function signVectors(library: TokenModule): string[] {
  const { createTokenGenerator, encodeSessionId, generateRestToken, generateToken } = library;
  return withFixedWorld(() => {
    const sessionId = encodeSessionId({
      apiKey: CREDENTIALS.apiKey,
      location: '127.0.0.1',
      createTime: 1_767_225_000_000,
    });
    const sign = createTokenGenerator(CREDENTIALS);
    const full = {
      role: 'moderator',
      data: AWKWARD_DATA,
      expireTime: FIXED_NOW + 3600,
      initialLayoutClassList: ['focus', 'full-width'],
    } as const;
    return [
      sessionId,
      sign(sessionId),
      sign(sessionId, { format: 't1' }),
      sign(sessionId, { ...full, format: 'jwt' }),
      sign(sessionId, { ...full, format: 't1' }),
      generateToken(CREDENTIALS, sessionId, { role: 'subscriber', data: 'a&b=c:d', format: 't1' }),
      generateToken(CREDENTIALS, sessionId, { role: 'publisheronly', data: 'x'.repeat(1000) }),
      generateRestToken(CREDENTIALS, { ttl: 300 }),
    ];
  });
}

function caught(library: TokenModule, run: () => unknown): CaughtError {
  const { InvalidTokenError, OpenTokError } = library;
  try {
    run();
  } catch (error) {
    const { name, message } = error as Error;
    const reason = InvalidTokenError.isInstance(error) ? error.reason : undefined;
    return { name, message, isOpenTokError: OpenTokError.isInstance(error), ...(reason ? { reason } : {}) };
  }
  return { name: 'none', message: 'no error was thrown', isOpenTokError: false };
}

/** Base64 (either alphabet) to a binary string and back, with the runtime's own atob/btoa. */
const fromBase64 = (text: string): string => atob(text.replace(/-/g, '+').replace(/_/g, '/'));
const toBase64Url = (binary: string): string => btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Raises the role of a token while keeping its signature: a forgery every verifier must refuse. */
function tamper(token: string): string {
  let forged: string;
  if (token.startsWith('T1==')) {
    forged = `T1==${btoa(fromBase64(token.slice(4)).replace('&role=subscriber&', '&role=moderator&'))}`;
  } else {
    const [header, payload = '', signature] = token.split('.');
    forged = `${header}.${toBase64Url(fromBase64(payload).replace('"role":"publisher"', '"role":"moderator"'))}.${signature}`;
  }
  if (forged === token) throw new Error('the forgery changed nothing');
  return forged;
}

/**
 * Verifies a list shaped as {@link signVectors} makes it, at {@link FIXED_NOW}: the session
 * ID decoded, the client tokens and the REST token checked with {@link CREDENTIALS}.
 */
function verifyVectors(library: TokenModule, vectors: readonly string[]): unknown[] {
  const { decodeSessionId, verifyRestToken, verifyToken } = library;
  if (vectors.length === 0) return [];
  const at = { now: FIXED_NOW + 1 };
  const [sessionId = '', ...tokens] = vectors;
  const rest = tokens.pop() ?? '';
  return [
    decodeSessionId(sessionId),
    ...tokens.map((token) => verifyToken(token, CREDENTIALS, at)),
    verifyRestToken(rest, CREDENTIALS, at),
  ];
}

/**
 * Runs the whole probe in the current runtime.
 * @param library the built package, imported by its name by the runtime's entry.
 * @param foreign vectors signed elsewhere (by the node build), as {@link signVectors} lists them.
 */
export function probe(library: TokenModule, foreign: readonly string[]): ProbeReport {
  const { decodeToken, encodeSessionId, generateRestToken, generateToken, verifyRestToken, verifyToken } = library;
  const scope = globalThis as Scope;
  const navigatorLike = scope.navigator as { userAgent?: string } | undefined;
  const runtime = {
    hasProcess: typeof scope.process !== 'undefined',
    hasBuffer: typeof scope.Buffer !== 'undefined',
    hasRequire: typeof scope.require !== 'undefined',
    hasWindow: typeof scope.window !== 'undefined',
    edgeRuntime: typeof scope.EdgeRuntime === 'string' ? scope.EdgeRuntime : null,
    userAgent: typeof navigatorLike?.userAgent === 'string' ? navigatorLike.userAgent : null,
  };

  const vectors = signVectors(library);
  const vectorClaims = verifyVectors(library, vectors);
  const foreignClaims = verifyVectors(library, foreign);

  // Live tokens: the runtime's own clock (their nonces come from the pool filled above).
  const liveSession = encodeSessionId({ apiKey: CREDENTIALS.apiKey });
  const jwt = generateToken(CREDENTIALS, liveSession, { data: AWKWARD_DATA });
  const t1 = generateToken(CREDENTIALS, liveSession, { format: 't1', data: AWKWARD_DATA, role: 'subscriber' });
  const rest = generateRestToken(CREDENTIALS);
  const live = {
    jwt,
    t1,
    rest,
    jwtClaims: verifyToken(jwt, CREDENTIALS),
    t1Claims: verifyToken(t1, CREDENTIALS),
    restIssuer: verifyRestToken(rest, CREDENTIALS).apiKey,
  };
  if (JSON.stringify(decodeToken(t1)) !== JSON.stringify(live.t1Claims)) throw new Error('decodeToken disagrees');

  const otherKey = { apiKey: '1111111', apiSecret: CREDENTIALS.apiSecret };
  const errors: Record<ErrorCase, CaughtError> = {
    tamperedJwt: caught(library, () => verifyToken(tamper(jwt), CREDENTIALS)),
    tamperedT1: caught(library, () => verifyToken(tamper(t1), CREDENTIALS)),
    wrongSecret: caught(library, () => verifyToken(jwt, { ...CREDENTIALS, apiSecret: 'another secret' })),
    foreignKey: caught(library, () => verifyToken(jwt, otherKey)),
    expired: caught(library, () => verifyToken(jwt, CREDENTIALS, { now: FIXED_NOW + 10 * 86400 * 365 })),
    emptySession: caught(library, () => generateToken(CREDENTIALS, '')),
    otherKeySession: caught(library, () => generateToken(otherKey, vectors[0] ?? '')),
    garbage: caught(library, () => decodeToken('T1==%%%')),
  };
  // Only the library's own classes, seen from inside the runtime.
  for (const [name, error] of Object.entries(errors)) {
    if (!error.isOpenTokError) throw new Error(`${name}: not an OpenTokError but ${error.name}`);
  }

  return { runtime, vectors, vectorClaims, foreignClaims, live, errors };
}
