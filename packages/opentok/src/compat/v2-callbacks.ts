/**
 * The 2.x methods of the callback registration calls: their arguments, requests, messages and results.
 * @module
 */
import type { RegisterCallbackOptions } from '@opentok/rest';
import type { OpenTokV2 } from './v2.js';
import { call, fieldsOf, type Host, need, shift } from './v2-core.js';
import { COMMON } from './v2-messages.js';
import { Callback, type V2Callback } from './v2-results.js';

const CALLBACKS = '/v2/project/{apiKey}/callback';

/** The 2.x methods of the callback registration calls. */
export interface CallbackMethods {
  /** Registers a callback URL (`group`, `event`, `url`); `callback(error, callback)`. */
  registerCallback(options: RegisterCallbackOptions): Promise<Callback>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  registerCallback(this: Host, options: RegisterCallbackOptions, callback: V2Callback<Callback>): undefined;

  /** Unregisters a callback URL; `callback(error)`. */
  unregisterCallback(callbackId: string): Promise<void>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  unregisterCallback(this: Host, callbackId: string, callback: V2Callback<void>): undefined;

  /**
   * Lists the registered callback URLs; `callback(error, callbacks)`. The callback alone is
   * declared first: a function is an `object` too, so the promise form would take it.
   */
  listCallbacks(callback: V2Callback<Callback[]>): undefined;
  /** Without a callback: a promise of what the callback would get. */
  listCallbacks(options?: object): Promise<Callback[]>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  listCallbacks(this: Host, options: object | undefined, callback: V2Callback<Callback[]>): undefined;
}

/** The implementations of {@link CallbackMethods}, installed on the 2.x class's prototype. */
export const callbackMethods = {
  registerCallback(
    this: OpenTokV2,
    options: RegisterCallbackOptions,
    callback?: V2Callback<Callback>,
  ): Promise<Callback> | undefined {
    const [given, done] = shift<RegisterCallbackOptions, V2Callback<Callback>>(options, callback);
    return call(this, done as unknown, COMMON, async (request) => {
      // 2.x sends these three as given, unchecked.
      const { group, event, url } = fieldsOf(given);
      const answer = await request({ method: 'POST', path: CALLBACKS, json: { group, event, url } });
      return new Callback(this, fieldsOf(answer) as never);
    });
  },

  unregisterCallback(this: OpenTokV2, callbackId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      need(callbackId, 'callbackId', 'No callback ID given');
      await request({ method: 'DELETE', path: `${CALLBACKS}/{callbackId}`, params: { callbackId } });
    });
  },

  listCallbacks(
    this: OpenTokV2,
    options?: object | V2Callback<Callback[]>,
    callback?: V2Callback<Callback[]>,
  ): Promise<Callback[]> | undefined {
    const [, done] = shift<object, V2Callback<Callback[]>>(options, callback);
    return call(this, done as unknown, COMMON, async (request) => {
      const answer = await request({ method: 'GET', path: CALLBACKS });
      return (Array.isArray(answer) ? answer : []).map((item) => new Callback(this, item as never));
    });
  },
};
