/**
 * Checks shared by the token functions.
 * @module
 */
import { encodeBase64 } from '#crypto';
import { InvalidArgumentError, PREFIX } from './errors.js';

/** An OpenTok project's API key and secret (HS256 tokens), from the account page. */
export interface ProjectCredentials {
  /** The project API key: a string of digits (a number is accepted too). */
  apiKey: string | number;
  /** The project API secret. It never appears in an error, a log line or `toString()`. */
  apiSecret: string;
}

/**
 * A Vonage application's ID and RSA private key (RS256 tokens), from the Vonage dashboard.
 * The private key is PEM text (PKCS #8, `-----BEGIN PRIVATE KEY-----`; Node also reads
 * PKCS #1) or, on Node, a `KeyObject`. It never appears in an error or a log line.
 */
export interface ApplicationCredentials {
  /** The application ID, a UUID. */
  applicationId: string;
  /** The application's RSA private key. */
  privateKey: string | object;
}

/** The credentials every signing function takes: an OpenTok project's or a Vonage application's. */
export type Credentials = ProjectCredentials | ApplicationCredentials;

/**
 * What the verifying functions take: signing credentials, or for a Vonage application its
 * public key alone (PEM `-----BEGIN PUBLIC KEY-----`, a `KeyObject` on Node, a `CryptoKey`
 * for the async verifiers).
 */
export type VerifyCredentials = Credentials | { applicationId: string; publicKey: string | object };

/** Checked credentials: the API key or application ID, the secret or key, and whether it is an application (RS256). */
export type Checked =
  | [id: string, key: string, application: false]
  | [id: string, key: string | object, application: true];

/** Throws {@link InvalidArgumentError} naming `argument`, the message after the package prefix. */
export function fail(argument: string, message: string): never {
  throw new InvalidArgumentError(argument, `${PREFIX} ${message}`);
}

/** Throws {@link InvalidArgumentError} for `argument`: `<argument> must <requirement>`. */
export const must: (argument: string, requirement: string) => never = (argument, requirement) =>
  fail(argument, `${argument} must ${requirement}`);

/**
 * Refuses an options object with a key outside `known` (a misspelled option would otherwise
 * be ignored silently in JavaScript): `Unknown option 'rol' (did you mean 'role'?)`. A key
 * that does not look like an option name is shown as `'…'`.
 * @returns `options` as a record, `{}` for `undefined`.
 */
export function checkOptions(options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || !options) must('options', 'be an object');
  for (const key in options) if (Object.hasOwn(options, key) && !known.includes(key)) unknownOption(key, known);
  return options as Record<string, unknown>;
}

/**
 * Throws for an unknown option `key`, naming the nearest of the `known` ones: the one that
 * starts with the same letter, case aside (the options of each function all start with
 * different letters, and typos rarely hit the first), else all of them.
 */
export function unknownOption(key: string, known: readonly string[]): never {
  const named = /^[\w$.-]{1,40}$/.test(key);
  const nearest = known.find((name) => name[0] === key[0]?.toLowerCase());
  return fail(
    named ? key : 'options',
    `Unknown option '${named ? key : '…'}' (${nearest ? `did you mean '${nearest}'?` : `the options are ${known.join(', ')}`})`,
  );
}

/**
 * `true` for base64 (either alphabet) that every runtime decodes the same way: padding only
 * to a multiple of 4 characters, and never 1 character past one (a truncated value, which
 * `atob` refuses and Node's `Buffer` would read short).
 */
export function isBase64(text: string): boolean {
  const body = text.replace(/={1,2}$/, '');
  return /^[\w+/-]+$/.test(body) && body.length % 4 !== 1 && (body.length === text.length || text.length % 4 === 0);
}

/**
 * `true` for base64url without padding in its one canonical spelling: the unused low bits of
 * the last character are zero. Decoders ignore those bits, so without this check each RS256
 * signature would verify under 4 (2 bytes left over) or 16 (1 byte left over) spellings.
 */
export function isCanonicalBase64url(text: string): boolean {
  if (!/^[\w-]*$/.test(text) || text.length % 4 === 1) return false;
  const spare = text.length % 4 === 2 ? 0b1111 : text.length % 4 === 3 ? 0b11 : 0;
  const last = BASE64URL.indexOf(text.charAt(text.length - 1));
  return spare === 0 || (last & spare) === 0;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The mark of {@link allowAnyApiKey}, shared by every copy of the package. */
const ANY_API_KEY = Symbol.for('@opentok/token.anyApiKey');

/**
 * Marks project credentials (or the options of `createClient` of `@opentok/rest`, which reads
 * the same mark) so that any non-empty API key is accepted, not only digits: the way of the
 * `opentok` 2.x class, whose users pass placeholder keys such as `'APIKEY'` in tests. The key
 * is then used as given (in the REST token's `iss`, in client tokens, in paths). Credentials
 * without the mark are checked as always.
 * @returns `credentials`, marked (a property that is neither enumerable nor copied by spread).
 * @example
 * generateRestToken(allowAnyApiKey({ apiKey: 'APIKEY', apiSecret: 'SECRET' }))
 */
export function allowAnyApiKey<T extends object>(credentials: T): T {
  return Object.defineProperty(credentials, ANY_API_KEY, { value: true, enumerable: false });
}

/** `true` when `value` was marked by {@link allowAnyApiKey}. */
export const acceptsAnyApiKey = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ANY_API_KEY] === true;

/** `true` for an API key: digits, given as a string or a whole number. */
export const isApiKey = (value: unknown): boolean =>
  (typeof value === 'string' || typeof value === 'number') && /^\d{1,32}$/.test(`${value}`);

/** `true` for a Vonage application ID: a UUID. */
export const isApplicationId = (value: unknown): value is string =>
  typeof value === 'string' && /^[\da-f]{8}(-[\da-f]{4}){4}[\da-f]{8}$/i.test(value);

/**
 * Validates credentials of either kind (for verifying, an application's `publicKey` in
 * place of its `privateKey`) and returns them as {@link Checked}.
 */
export const checkCredentials = (credentials: VerifyCredentials): Checked =>
  checkCredentialsWith(credentials, checkApplication);

/**
 * Checks an application's credentials: the ID, and the key as given (read, and refused if it
 * is no RSA key, by the signer or verifier).
 */
export function checkApplication(credentials: VerifyCredentials): Checked {
  const { applicationId, privateKey = Object(credentials).publicKey } = Object(credentials);
  if (!isApplicationId(applicationId)) must('applicationId', 'be a UUID');
  return [applicationId, privateKey, true];
}

/**
 * Validates a project's credentials and returns them as {@link Checked}, or hands an
 * application's (any with an `applicationId`) to `application`: the synchronous signer keeps
 * everything about applications out of runtimes that cannot sign RS256 synchronously.
 */
export function checkCredentialsWith<Given extends VerifyCredentials, Application>(
  credentials: Given,
  application: (credentials: Given) => Application,
): Application | [id: string, secret: string, application: false] {
  const { apiKey, apiSecret, applicationId } = Object(credentials);
  if (applicationId !== undefined) return application(credentials);
  if (acceptsAnyApiKey(credentials)) {
    if (!((typeof apiKey === 'string' && apiKey !== '') || Number.isFinite(apiKey))) {
      must('apiKey', 'be a non-empty string');
    }
  } else if (!isApiKey(apiKey)) must('apiKey', 'be a string of digits');
  if (typeof apiSecret !== 'string' || !apiSecret) must('apiSecret', 'be a non-empty string');
  return [`${apiKey}`, apiSecret, false];
}

/** The base64url JOSE header of the official SDKs' JWTs, `{"alg":"HS256","typ":"JWT"}` (RS256 for an application), and the dot. */
export const jwtHeader = (application: boolean): string =>
  `${encodeBase64(`{"alg":"${application ? 'RS' : 'HS'}256","typ":"JWT"}`, true)}.`;

/** The current time in whole Unix seconds. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Unix seconds from a number of seconds or a `Date`; `undefined` when neither. */
export function toSeconds(value: unknown): number | undefined {
  const seconds = value instanceof Date ? value.getTime() / 1000 : value;
  return Number.isFinite(seconds) ? Math.floor(seconds as number) : undefined;
}
