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

/** The edit distance between two short words (Levenshtein). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] as number;
}

/**
 * Refuses an options object with a key outside `known` (a misspelled option would otherwise
 * be ignored silently in JavaScript): `Unknown option 'rol' (did you mean 'role'?)`. A key
 * that does not look like an option name is described by its length only.
 * @returns `options` as a record, `{}` for `undefined`.
 */
export function checkOptions(options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail('options', 'options must be an object');
  }
  for (const key in options) {
    if (!Object.hasOwn(options, key) || known.includes(key)) continue;
    if (!/^[\w$.-]{1,40}$/.test(key)) {
      fail('options', `Unknown option (a key of ${key.length} characters; the options are ${known.join(', ')})`);
    }
    let nearest = known[0] as string;
    for (const name of known) if (distance(key, name) < distance(key, nearest)) nearest = name;
    fail(
      key,
      distance(key, nearest) <= Math.max(2, nearest.length / 3)
        ? `Unknown option '${key}' (did you mean '${nearest}'?)`
        : `Unknown option '${key}' (the options are ${known.join(', ')})`,
    );
  }
  return options as Record<string, unknown>;
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
  if (!isApiKey(apiKey)) fail('apiKey', 'apiKey must be the project API key, a string of digits');
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
