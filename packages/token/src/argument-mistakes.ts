/**
 * Messages for the common wrong values: a Promise where its result belongs (a forgotten
 * `await`), a session object where its ID belongs (2.x's `Session`), an unset environment
 * variable (`undefined`). They say what was passed, never its contents.
 * @module
 */
import { InvalidSessionIdError, PREFIX } from './errors.js';

/**
 * What a value is, for a message: `undefined`, `null`, `an empty string`, `a Promise`,
 * `an object`, `an array`, or `a <type>`; never the value itself (it may be a secret).
 */
export function kindOf(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (value === '') return 'an empty string';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' || typeof value === 'function') {
    if (typeof (value as { then?: unknown }).then === 'function') return 'a Promise';
    return typeof value === 'function' ? 'a function' : 'an object';
  }
  return `a ${typeof value}`;
}

/**
 * Refuses a session ID argument that is not a string but a Promise or an object, saying what
 * to pass instead; returns for anything else (the session ID rules then apply).
 * @throws {InvalidSessionIdError} for a Promise or an object.
 */
export function checkSessionIdArgument(sessionId: unknown): void {
  if (typeof sessionId !== 'object' && typeof sessionId !== 'function') return;
  if (sessionId === null) return;
  const kind = kindOf(sessionId);
  const hint =
    kind === 'a Promise'
      ? 'did you forget `await`?'
      : typeof (sessionId as { sessionId?: unknown }).sessionId === 'string'
        ? 'pass its `sessionId` (`session.sessionId`)'
        : 'pass the session ID string';
  throw new InvalidSessionIdError('sessionId', `${PREFIX} sessionId must be a session ID string, not ${kind}: ${hint}`);
}
