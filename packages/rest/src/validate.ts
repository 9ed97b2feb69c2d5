/**
 * Checks of request shapes, done once at the boundary; each failure is an
 * `InvalidArgumentError` naming the argument.
 * @module
 */
import { InvalidArgumentError } from '@opentok/token';

/**
 * What a bad value is, by type and size only: never its content, which may be a secret passed
 * to the wrong option. Numbers, booleans, `null` and `undefined` are shown as they are.
 */
export function show(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : String(value);
  if (typeof value === 'string')
    return value.length === 0 ? 'an empty string' : `a string of ${value.length} characters`;
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `a value of type ${typeof value}`;
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

/** A lone UTF-16 surrogate, which `encodeURIComponent` refuses. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * One path segment, checked and percent-encoded: a non-empty string of well-formed Unicode
 * without control characters, not `.` or `..`, without `/`, at most 1024 characters. Every
 * value that goes into a path passes here, so no ID can leave its resource.
 */
export function toSegment(argument: string, value: unknown): string {
  if (typeof value !== 'string') fail(argument, `${argument} must be a string, not ${show(value)}`);
  // A string is not echoed: it may be a token.
  if (value === '' || value === '.' || value === '..' || value.includes('/')) {
    fail(argument, `${argument} must be an ID: not empty, not '.' or '..', without '/'`);
  }
  if (value.length > 1024 || !PRINTABLE.test(value) || LONE_SURROGATE.test(value)) {
    fail(argument, `${argument} must be an ID of at most 1024 printable characters of well-formed Unicode`);
  }
  return encodeURIComponent(value);
}

/** The options an object may hold, to refuse unknown (misspelt) ones. */
export type KnownKeys = readonly string[];

/**
 * `value` when it is an object (or undefined, then `{}`) whose keys are all in `known`, else
 * throws, naming the unknown key and the nearest known one. Keys set to `undefined` are ignored.
 */
export function requireOptions<T extends object>(argument: string, value: T | undefined, known: KnownKeys): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(argument, `${argument} must be an object, not ${show(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (known.includes(key) || (value as Record<string, unknown>)[key] === undefined) continue;
    const name = argument === 'options' ? key : `${argument}.${key}`;
    const nearest = nearestOf(key, known);
    const printable = PRINTABLE.test(key) && key.length <= 64 ? `'${key}'` : `(a key of ${key.length} characters)`;
    // One style across the packages: `Unknown option 'rol' (did you mean 'role'?)`.
    fail(
      name,
      `Unknown option ${printable} (${nearest ? `did you mean '${nearest}'?` : `the options are ${known.join(', ')}`})`,
    );
  }
  return value;
}

/** The known key closest to `key` (case-insensitive edit distance), when close enough to be a typo. */
function nearestOf(key: string, known: KnownKeys): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = key.toLowerCase().slice(0, 64);
  for (const candidate of known) {
    const known = candidate.toLowerCase();
    // A key that is part of a known one (`audio` in `hasAudio`) counts as close.
    const contained = lower.length >= 3 && (known.includes(lower) || lower.includes(known));
    const distance = contained ? 1 : editDistance(lower, known);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
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
