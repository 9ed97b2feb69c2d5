/**
 * Checks shared by the token functions: credentials, session IDs, small helpers.
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

const API_KEY = /^\d{1,32}$/;

/** Validates credentials and returns the API key as a string. */
export function checkCredentials(credentials: Credentials): { apiKey: string; apiSecret: string } {
  if (typeof credentials !== 'object' || credentials === null) {
    throw new InvalidArgumentError('credentials', 'Credentials must be an object: { apiKey, apiSecret }');
  }
  const { apiKey, apiSecret } = credentials;
  const key = typeof apiKey === 'number' && Number.isSafeInteger(apiKey) && apiKey >= 0 ? String(apiKey) : apiKey;
  if (typeof key !== 'string' || !API_KEY.test(key)) {
    throw new InvalidArgumentError('apiKey', 'apiKey must be the project API key, a string of digits');
  }
  if (typeof apiSecret !== 'string' || apiSecret.length === 0) {
    throw new InvalidArgumentError('apiSecret', 'apiSecret must be a non-empty string');
  }
  return { apiKey: key, apiSecret };
}

/** The current time in whole Unix seconds. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Unix seconds from a number of seconds or a `Date`; `undefined` when neither. */
export function toSeconds(value: unknown): number | undefined {
  if (value instanceof Date) value = value.getTime() / 1000;
  return typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : undefined;
}

/** A short, printable rendering of a bad value for an error message. */
export function describe(value: unknown): string {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
    return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
  }
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
