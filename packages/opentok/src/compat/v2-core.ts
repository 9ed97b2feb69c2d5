/**
 * The core the 2.x resource modules share: how a 2.x method settles (callback or promise),
 * how its failures get 2.x's words, and the small argument helpers of 2.x's signatures.
 * @module
 */
import type { Client } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import { type ProxySetting, throughProxy } from './proxy.js';
import { settleErrorFirst } from './settle.js';
import { reword, type Wording } from './v2-messages.js';
import type { V2Callback } from './v2-results.js';

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

/** Layout types of `setArchiveLayout` and `setBroadcastLayout`. */
export type LayoutArguments = [
  type: string,
  stylesheet?: string | V2Callback<void>,
  screenshareType?: string | V2Callback<void>,
];

/** What a 2.x method needs of the object it runs on. */
export interface Host {
  readonly client: Client;
}

/** The proxy of each 2.x object, named in the messages of network errors. */
const proxies = new WeakMap<Host, ProxySetting>();

/** Records the proxy `host` sends through. */
export function setProxy(host: Host, proxy: ProxySetting | undefined): void {
  if (proxy !== undefined) proxies.set(host, proxy);
}

const scheduler = globalThis as unknown as { queueMicrotask(task: () => void): void };

/** Runs `work` and settles `callback` (or returns a promise), failures in 2.x's words. */
export function call<T, C>(
  host: Host,
  callback: C,
  wording: Wording,
  work: (client: Client) => Promise<T>,
): Outcome<C, T> {
  return settleErrorFirst(async () => {
    try {
      return await work(host.client);
    } catch (error) {
      throw reword(throughProxy(error, proxies.get(host)), wording);
    }
  }, callback) as Outcome<C, T>;
}

/** As {@link call} for a list: `callback(error, items, totalCount)`, or a promise of the items. */
export function list<T, C>(
  host: Host,
  callback: C,
  wording: Wording,
  work: (client: Client) => Promise<{ items: T[]; count: number }>,
): Outcome<C, T[]> {
  const page = call(host, undefined, wording, work);
  if (typeof callback !== 'function') return page.then(({ items }) => items) as Outcome<C, T[]>;
  // The callback runs outside the promise chain: what it throws is an uncaught exception.
  page.then(
    ({ items, count }) => scheduler.queueMicrotask(() => (callback as ListCallback<T>)(null, items, count)),
    (error: Error) => scheduler.queueMicrotask(() => (callback as (error: Error) => void)(error)),
  );
  return undefined as Outcome<C, T[]>;
}

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

/** 2.x sends `offset`, `count` and `sessionId` only when truthy. */
export function pageOptions<
  T extends { offset?: number | undefined; count?: number | undefined; sessionId?: string | undefined },
>(options: T | undefined): T {
  const picked: Record<string, unknown> = {};
  if (options?.offset) picked.offset = Number.parseInt(String(options.offset), 10);
  if (options?.count) picked.count = Number.parseInt(String(options.count), 10);
  if (options?.sessionId) picked.sessionId = options.sessionId;
  return picked as T;
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
