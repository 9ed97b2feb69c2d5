/**
 * The one place where the 1.0 facade turns a promise into a callback call.
 *
 * Two conventions exist in the original module, and both are kept:
 *
 * - **error-first** (`createSession`): `callback(error)` or `callback(null, result)`.
 * - **by arity** (`getArchiveManifest`, `downloadArchiveURL`, whose 1.0 handlers took only the
 *   result): a handler that declares two parameters (`handler.length >= 2`) is treated as
 *   error-first. A one-parameter handler is called only with a result; a failure is never
 *   passed to it (it would read the error as an archive) and never dropped: the call returns a
 *   promise that rejects with the typed error, and a rejection nobody handles is reported by
 *   the runtime (`unhandledRejection` in Node, which by default ends the process with that
 *   error's message).
 *
 * Callbacks run in a microtask outside the promise chain, so an exception thrown by a callback
 * surfaces as an uncaught exception, as in any callback API, instead of a silent rejection.
 * @module
 */
import { InvalidArgumentError } from '@opentok/token';

/** An error-first callback. */
export type NodeCallback<T> = (error: Error | null, result?: T) => void;

/** A 1.0 result handler: gets only the result, or `(error, result)` when it declares two parameters. */
export type ResultHandler<T> = ((result: T) => void) | NodeCallback<T>;

/** The work of one call, started only once its callback has been checked. */
export type Work<T> = () => Promise<T>;

/**
 * Starts `start` and runs `callback(null, result)` or `callback(error)` once it settles.
 * Without a callback, returns the promise. A synchronous throw of `start` counts as a failure.
 * @throws never: a callback that is not a function rejects the returned promise instead,
 * and the work is not started.
 */
export function settleErrorFirst<T>(start: Work<T>, callback: unknown): Promise<T> | undefined {
  if (callback !== undefined && typeof callback !== 'function') return rejectBadHandler('callback');
  const work = run(start);
  if (callback === undefined) return work;
  work.then(
    (result) => later(() => (callback as NodeCallback<T>)(null, result)),
    (error: Error) => later(() => (callback as NodeCallback<T>)(error)),
  );
  return undefined;
}

/**
 * As {@link settleErrorFirst} for a 2.x list: `callback(null, items, totalCount)` or
 * `callback(error)`; without a callback, a promise of the items.
 */
export function settleList<T>(start: Work<{ items: T[]; count: number }>, callback: unknown): Promise<T[]> | undefined {
  if (callback !== undefined && typeof callback !== 'function') return rejectBadHandler('callback');
  const work = run(start);
  if (callback === undefined) return work.then(({ items }) => items);
  const done = callback as (error: Error | null, items?: T[], totalCount?: number) => void;
  work.then(
    ({ items, count }) => later(() => done(null, items, count)),
    (error: Error) => later(() => done(error)),
  );
  return undefined;
}

/**
 * Runs a 1.0 result handler once its work settles, choosing the convention by the handler's
 * arity (see the module comment). Returns the promise whenever an error could not be given
 * to the handler, so that it is never lost.
 */
export function settleByArity<T>(start: Work<T>, handler: unknown): Promise<T> | undefined {
  if (typeof handler === 'function' && handler.length >= 2) return settleErrorFirst(start, handler);
  if (handler !== undefined && typeof handler !== 'function') return rejectBadHandler('handler');
  const work = run(start);
  if (handler === undefined) return work;
  return work.then((result) => {
    later(() => (handler as (result: T) => void)(result));
    return result;
  });
}

/** `queueMicrotask` is a web and Node global that `lib: es2023` does not declare. */
const scheduler = globalThis as unknown as { queueMicrotask(task: () => void): void };

function later(task: () => void): void {
  scheduler.queueMicrotask(task);
}

function run<T>(start: Work<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(start()));
}

function rejectBadHandler<T>(argument: string): Promise<T> {
  return Promise.reject(new InvalidArgumentError(argument, `[opentok] ${argument} must be a function`));
}
