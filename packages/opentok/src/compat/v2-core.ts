/**
 * The core the 2.x resource modules share: how a 2.x method settles (callback or promise),
 * how its failures get 2.x's words, and the small argument helpers of 2.x's signatures.
 * @module
 */
import { type Call, type Client, coreOf, type Send } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import { type ProxySetting, throughProxy } from './proxy.js';
import { settleErrorFirst, settleList } from './settle.js';
import { bindMessage, type Wording } from './v2-messages.js';

/**
 * What a 2.x method returns: nothing when given a callback (2.x's behaviour), else a promise
 * of what the callback would have received.
 */
export type Outcome<C, T> = unknown extends C
  ? Promise<T> | undefined
  : [C] extends [undefined]
    ? Promise<T>
    : undefined;

/** A 2.x list callback: `(error, items, totalCount)`. */
export type ListCallback<T> = {
  bivarianceHack(error: Error | null, items: T[], totalCount: number): void;
}['bivarianceHack'];

/**
 * What a 2.x method needs of the object it runs on. The last overload of each 2.x method (its
 * full callback form) declares `this: Host`: `method.bind(opentok)` then keeps that overload
 * alone (TypeScript's `OmitThisParameter` reads the last one), so `util.promisify` of the bound
 * method takes the full argument list, while direct calls keep every overload.
 */
export interface Host {
  readonly client: Client;
}

/** The request core of each 2.x object's methods, and the proxy named in network errors. */
const cores = new WeakMap<Host, { send: Send; proxy: ProxySetting | undefined }>();

/** Records the request core `host`'s 2.x methods send through, and its proxy. */
export function setCore(host: Host, send: Send, proxy: ProxySetting | undefined): void {
  cores.set(host, { send, proxy });
}

/**
 * Sends one call as 2.x does: the body as given, one attempt unless the user opted in to
 * retries, and the answer as 2.x reads it: the parsed JSON of a JSON answer (`null` when
 * empty), else the text.
 */
export type Request = (call: Call) => Promise<unknown>;

function requester(host: Host): Request {
  const send = cores.get(host)?.send ?? coreOf(host.client);
  return async (call) => {
    const answer = await send(call);
    if (answer.contentType !== 'application/json') return answer.body;
    if (answer.body === '') return null;
    try {
      return JSON.parse(answer.body) as unknown;
    } catch (error) {
      throw answer.parseError('the answer is not JSON', error);
    }
  };
}

/** `work` with 2.x's words on its failures, the method's `wording` (see `v2-messages.ts`). */
function worded<T>(host: Host, wording: Wording, work: (request: Request) => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await work(requester(host));
    } catch (error) {
      throw bindMessage(throughProxy(error, cores.get(host)?.proxy), wording);
    }
  };
}

/** Runs `work` and settles `callback` (or returns a promise); a failure gets 2.x's words. */
export function call<T, C>(
  host: Host,
  callback: C,
  wording: Wording,
  work: (request: Request) => Promise<T>,
): Outcome<C, T> {
  return settleErrorFirst(worded(host, wording, work), callback) as Outcome<C, T>;
}

/** As {@link call} for a list: `callback(error, items, totalCount)`, or a promise of the items. */
export function list<T, C>(
  host: Host,
  callback: C,
  wording: Wording,
  work: (request: Request) => Promise<{ items: T[]; count: number }>,
): Outcome<C, T[]> {
  return settleList(worded(host, wording, work), callback) as Outcome<C, T[]>;
}

/** The fields of a JSON answer (an object), or `{}`. */
export const fieldsOf = (answer: unknown): Record<string, unknown> =>
  typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};

/** The `items` of a list answer, or `[]`. */
export const itemsOf = (answer: unknown): unknown[] => {
  const { items } = fieldsOf(answer);
  return Array.isArray(items) ? items : [];
};

/** A plain object (not `null`, not an array), as 2.x tests `headers` and `auth`. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Throws 2.x's `message` when `value` is missing. */
export function need(value: unknown, argument: string, message: string): void {
  if (value === undefined || value === null || value === '') throw new InvalidArgumentError(argument, message);
}

/** `options` may be left out before the callback, as in 2.x. */
export function shift<O, C>(options: O | C | undefined, callback: C | undefined): [O | undefined, C | undefined] {
  return typeof options === 'function' ? [undefined, options as C] : [options as O, callback];
}

/** `fields` without its `undefined` values. */
export const defined = <T extends object>(fields: T): T =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;

/** The query of a 2.x list: `offset`, `count` and `sessionId`, each only when truthy, as given. */
export function pageQuery(options: unknown): Record<string, string | undefined> {
  const { offset, count, sessionId } = fieldsOf(options);
  const query: Record<string, string | undefined> = {};
  if (offset) query.offset = String(offset);
  if (count) query.count = String(count);
  if (sessionId) query.sessionId = String(sessionId);
  return query;
}

/** 2.x's checks of `setArchiveLayout` and `setBroadcastLayout`, made before any request. */
export function checkLayout(
  id: unknown,
  missing: string,
  [type, stylesheet, screenshareType]: readonly unknown[],
): void {
  const refuse = (argument: string, message: string): never => {
    throw new InvalidArgumentError(argument, `Invalid arguments -- ${message}`);
  };
  if (typeof id !== 'string') throw new InvalidArgumentError('id', missing);
  if (typeof type !== 'string') refuse('type', 'must provide a type string.');
  if (stylesheet && typeof stylesheet !== 'string') refuse('stylesheet', 'stylesheet must be a string.');
  if (screenshareType && typeof screenshareType !== 'string') {
    refuse('screenshareType', 'screenshareType must be a string.');
  }
  if (screenshareType && type !== 'bestFit') {
    refuse('screenshareType', 'type must be set to "bestFit" if you set screenshareType.');
  }
}

/** The layout arguments of `setArchiveLayout` and `setBroadcastLayout`, and the callback among them. */
export function splitLayout(
  layout: readonly unknown[],
): [type: string, stylesheet: string | undefined, screenshareType: string | undefined, callback: unknown] {
  const index = layout.findIndex((value) => typeof value === 'function');
  const callback = index === -1 ? undefined : layout[index];
  const values = (index === -1 ? layout : layout.slice(0, index)) as (string | undefined | null)[];
  const [type, stylesheet, screenshareType] = values;
  return [type as string, stylesheet || undefined, screenshareType || undefined, callback];
}
