/**
 * Checks shared by the token functions.
 * @module
 */
import { InvalidArgumentError, PREFIX } from './errors.js';

/** The project's API key and secret, from the Vonage Video (OpenTok) account page. */
export interface Credentials {
  /** The project API key: a string of digits (a number is accepted too). */
  apiKey: string | number;
  /** The project API secret. It never appears in an error, a log line or `toString()`. */
  apiSecret: string;
}

/** Throws {@link InvalidArgumentError} naming `argument`, the message after the package prefix. */
export function fail(argument: string, message: string): never {
  throw new InvalidArgumentError(argument, `${PREFIX} ${message}`);
}

/**
 * Refuses an options object with a key outside `known` (a misspelled option would otherwise
 * be ignored silently in JavaScript): `Unknown option 'rol' (did you mean 'role'?)`. A key
 * that does not look like an option name is shown as `'…'`.
 * @returns `options` as a record, `{}` for `undefined`.
 */
export function checkOptions(options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || !options) fail('options', 'options must be an object');
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

/** `true` for an API key: digits, given as a string or a whole number. */
export const isApiKey = (value: unknown): boolean =>
  (typeof value === 'string' || typeof value === 'number') && /^\d{1,32}$/.test(`${value}`);

/** Validates credentials and returns the API key as a string. */
export function checkCredentials(credentials: Credentials): { apiKey: string; apiSecret: string } {
  const { apiKey, apiSecret } = Object(credentials) as Partial<Credentials>;
  if (!isApiKey(apiKey)) fail('apiKey', 'apiKey must be a string of digits');
  if (typeof apiSecret !== 'string' || !apiSecret) fail('apiSecret', 'apiSecret must be a non-empty string');
  return { apiKey: `${apiKey}`, apiSecret };
}

/** The current time in whole Unix seconds. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Unix seconds from a number of seconds or a `Date`; `undefined` when neither. */
export function toSeconds(value: unknown): number | undefined {
  const seconds = value instanceof Date ? value.getTime() / 1000 : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.floor(seconds) : undefined;
}
