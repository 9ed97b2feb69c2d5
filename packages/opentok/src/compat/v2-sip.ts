/**
 * The 2.x methods of SIP interconnect: dial and DTMF: their arguments, requests, messages and results.
 * @module
 */

import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import { call, fieldsOf, type Host, isPlainObject, need, shift } from './v2-core.js';
import { COMMON, type Wording } from './v2-messages.js';
import { SipInterconnect, type V2Callback } from './v2-results.js';

/** `dial` options as 2.x takes them. */
export interface V2DialOptions {
  /** Custom SIP headers; `null` (or anything but a plain object) sends none, as 2.x. */
  headers?: Record<string, string> | null;
  auth?: { username: string; password: string };
  secure?: boolean;
  from?: string;
  video?: boolean;
  observeForceMute?: boolean;
  streams?: readonly string[];
}

/** What 2.x says when `dial` fails. */
const SIP_WORDS = { dial: { prefix: 'Failed to dial endpoint.' } } satisfies Record<string, Wording>;

/** The 2.x methods of SIP interconnect: dial and DTMF. */
export interface SipMethods {
  /** Dials a SIP endpoint into a routed session; `callback(error, sipInterconnect)`. */
  dial(sessionId: string, token: string, sipUri: string, options?: V2DialOptions): Promise<SipInterconnect>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  dial(sessionId: string, token: string, sipUri: string, callback: V2Callback<SipInterconnect>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  dial(
    this: Host,
    sessionId: string,
    token: string,
    sipUri: string,
    options: V2DialOptions | undefined,
    callback: V2Callback<SipInterconnect>,
  ): undefined;

  /** Plays DTMF digits to every SIP call of a session, or to one connection; `callback(error)`. */
  playDTMF(sessionId: string, connectionId: string | null | undefined, digits: string): Promise<void>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  playDTMF(
    this: Host,
    sessionId: string,
    connectionId: string | null | undefined,
    digits: string,
    callback: V2Callback<void>,
  ): undefined;
}

/** The body 2.x's `dial` sends: `headers` and `auth` only when plain objects, flags only when set. */
function dialBody(sessionId: string, token: string, uri: string, options: V2DialOptions): object {
  const sip: Record<string, unknown> = { uri };
  if (isPlainObject(options.headers)) sip.headers = options.headers;
  if (isPlainObject(options.auth)) sip.auth = options.auth;
  if (options.secure) sip.secure = true;
  if (options.from) sip.from = String(options.from);
  if (options.video) sip.video = true;
  if (options.observeForceMute) sip.observeForceMute = true;
  if (options.streams) sip.streams = options.streams;
  return { sessionId, token, sip };
}

/** The implementations of {@link SipMethods}, installed on the 2.x class's prototype. */
export const sipMethods = {
  dial(
    this: OpenTokV2,
    sessionId: string,
    token: string,
    sipUri: string,
    options?: V2DialOptions | V2Callback<SipInterconnect>,
    callback?: V2Callback<SipInterconnect>,
  ): Promise<SipInterconnect> | undefined {
    const [given, done] = shift<V2DialOptions, V2Callback<SipInterconnect>>(options, callback);
    return call(this, done as unknown, SIP_WORDS.dial, async (request) => {
      need(sessionId, 'sessionId', 'No session ID given');
      need(token, 'token', 'No token given');
      need(sipUri, 'sipUri', 'No SIP URI given');
      const json = dialBody(sessionId, token, sipUri, given ?? {});
      const answer = await request({ method: 'POST', path: '/v2/project/{apiKey}/dial', json });
      return new SipInterconnect(fieldsOf(answer) as never);
    });
  },

  playDTMF(
    this: OpenTokV2,
    sessionId: string,
    connectionId: string | null | undefined,
    digits: string,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      if (!sessionId || typeof sessionId !== 'string') {
        throw new InvalidArgumentError('sessionId', 'Invalid arguments -- must provide a sessionId string.');
      }
      if (connectionId && typeof connectionId !== 'string') {
        throw new InvalidArgumentError('connectionId', 'Invalid arguments -- connectionId must be a string.');
      }
      const session = '/v2/project/{apiKey}/session/{sessionId}';
      const path = connectionId ? `${session}/connection/{connectionId}/play-dtmf` : `${session}/play-dtmf`;
      await request({ method: 'POST', path, params: { sessionId, connectionId }, json: { digits } });
    });
  },
};
