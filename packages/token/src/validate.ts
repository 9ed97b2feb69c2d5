/**
 * Checks shared by the token functions.
 * @module
 */
import { InvalidArgumentError } from './errors.js';

/** The project's API key and secret, from the Vonage Video (OpenTok) account page. */
export interface Credentials {
  /** The project API key: a string of digits (a number is accepted too). */
  apiKey: string | number;
  /** The project API secret. It never appears in an error, a log line or `toString()`. */
  apiSecret: string;
}

/** Throws {@link InvalidArgumentError} naming `argument`. */
export function fail(argument: string, message: string): never {
  throw new InvalidArgumentError(argument, message);
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
