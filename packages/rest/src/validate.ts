/**
 * Checks of request shapes, done once at the boundary; each failure is an
 * `InvalidArgumentError` naming the argument.
 * @module
 */
import { InvalidArgumentError } from '@opentok/token';

/** A short, printable rendering of a bad value for an error message (never the whole value). */
export function show(value: unknown): string {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
    return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
  }
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Throws an `InvalidArgumentError` for `argument`. */
export function fail(argument: string, message: string): never {
  throw new InvalidArgumentError(argument, `[@opentok/rest] ${message}`);
}

const PRINTABLE = /^[^\p{Cc}]*$/u;

/** `value` when it is a non-empty string without control characters, else throws. */
export function requireId(argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024 || !PRINTABLE.test(value)) {
    // A string is not echoed: it may be a token.
    const what = typeof value === 'string' ? 'an empty, overlong or control-character string' : show(value);
    fail(argument, `${argument} must be a non-empty string, not ${what}`);
  }
  return value;
}

/** `value` when it is an object or undefined (then `{}`), else throws. */
export function requireOptions<T extends object>(argument: string, value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(argument, `${argument} must be an object, not ${show(value)}`);
  }
  return value;
}

/** `value` when it is one of `allowed` or undefined, else throws. */
export function oneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(argument, `${argument} must be one of ${allowed.map((item) => `'${item}'`).join(', ')}, not ${show(value)}`);
  }
  return value as T;
}

/** `value` when it is a boolean or undefined, else throws. */
export function optionalBoolean(argument: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(argument, `${argument} must be true or false`);
  return value as boolean | undefined;
}

/** `value` when it is a whole number in `[min, max]` or undefined, else throws. */
export function optionalInteger(argument: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(argument, `${argument} must be a whole number from ${min} to ${max}, not ${show(value)}`);
  }
  return value;
}

/** `value` when it is a string of at most `max` characters or undefined, else throws. */
export function optionalString(argument: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) {
    fail(argument, `${argument} must be a string of at most ${max} characters`);
  }
  return value;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** `value` when it is an IPv4 address or undefined, else throws. */
export function optionalIpv4(argument: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IPV4.test(value)) fail(argument, `${argument} must be an IPv4 address`);
  return value;
}
