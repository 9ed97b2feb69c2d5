/**
 * The 2.x `generateToken`: its forms (a class list as one string, a rounded `expireTime`,
 * `true` for a T1 token, unknown options ignored) and its messages, over the modern signer.
 * @module
 */
import { InvalidArgumentError, InvalidSessionIdError } from '@opentok/token';
import type { V2TokenOptions } from './v2-results.js';

/** The options 2.x reads, and the modern `format`; any other is ignored, as 2.x ignores it. */
const KNOWN = ['role', 'data', 'expireTime', 'initialLayoutClassList', 'format'] as const;
const ROLES = ['publisher', 'publisheronly', 'subscriber', 'moderator'];
const nowSeconds = (): number => Math.round(Date.now() / 1000);

/** Throws 2.x's message for `argument`, as our typed error. */
function refuse(argument: string, message: string, session = false): never {
  throw session ? new InvalidSessionIdError(argument, message) : new InvalidArgumentError(argument, message);
}

/** 2.x's options turned into the modern ones, after 2.x's checks in its words. */
export function toTokenOptions(
  options: V2TokenOptions | undefined | null,
  t1: boolean | undefined,
): object | undefined {
  if ((options === undefined || options === null) && t1 !== true) return undefined;
  const given = Object(options ?? {}) as Record<string, unknown>;
  const converted: Record<string, unknown> = {};
  for (const name of KNOWN) if (given[name] !== undefined) converted[name] = given[name];
  const { role, data, expireTime, initialLayoutClassList } = converted;
  if (role !== undefined && !ROLES.includes(role as string)) {
    refuse('role', `Invalid role for token generation: ${String(role)}`);
  }
  if (typeof expireTime === 'number' || typeof expireTime === 'string') {
    const rounded = Math.round(Number(expireTime));
    if (Number.isNaN(rounded)) refuse('expireTime', `Invalid expireTime for token generation: ${rounded}`);
    const now = nowSeconds();
    if (rounded < now) {
      refuse('expireTime', `Invalid expireTime for token generation, time cannot be in the past: ${rounded} < ${now}`);
    }
    converted.expireTime = rounded;
  }
  if (data && (typeof data !== 'string' || data.length > 1024)) {
    refuse('data', 'Invalid data for token generation, must be a string with maximum length 1024');
  }
  if (data === '' || data === null) delete converted.data;
  const classes = Array.isArray(initialLayoutClassList) ? initialLayoutClassList.join(' ') : initialLayoutClassList;
  if (typeof classes === 'string') {
    if (classes.length > 1024) {
      refuse(
        'initialLayoutClassList',
        'Invalid initial layout class list for token generation, must have concatenated length of less than 1024',
      );
    }
    converted.initialLayoutClassList = classes.split(' ').filter((name) => name !== '');
  }
  if (t1 === true) converted.format = 't1';
  return converted;
}

/**
 * `generateToken` that takes 2.x's forms and says what 2.x says for a missing session ID or
 * one of another key; every other check is the modern signer's.
 */
export function v2Generator(
  sign: (sessionId: string, options?: object) => string,
): (sessionId: string, options?: V2TokenOptions, t1?: boolean) => string {
  return (sessionId, options, t1) => {
    // A Promise or an object (2.x's own Session) goes on to the signer, which says what was
    // passed (a forgotten `await`; `session.sessionId`), where 2.x only says "without a
    // sessionId parameter": the one message of this method that is deliberately not 2.x's.
    const mistaken = typeof sessionId === 'object' && sessionId !== null;
    if (typeof sessionId !== 'string' && !mistaken) {
      refuse('sessionId', 'Token cannot be generated without a sessionId parameter', true);
    }
    const converted = toTokenOptions(options, t1);
    try {
      return sign(sessionId, converted);
    } catch (error) {
      if (!mistaken && InvalidSessionIdError.isInstance(error)) {
        refuse('sessionId', 'Token cannot be generated unless the session belongs to the API Key', true);
      }
      throw error;
    }
  };
}
