/**
 * The 2.x methods of SIP interconnect: dial and DTMF: their arguments, requests, messages and results.
 * @module
 */

import type { OpenTokV2 } from './v2.js';
import { call, defined, need, shift } from './v2-core.js';
import { SipInterconnect, type V2Callback } from './v2-results.js';

/** `dial` options as 2.x takes them. */
export interface V2DialOptions {
  headers?: Record<string, string>;
  auth?: { username: string; password: string };
  secure?: boolean;
  from?: string;
  video?: boolean;
  observeForceMute?: boolean;
  streams?: readonly string[];
}

/** The 2.x methods of SIP interconnect: dial and DTMF. */
export interface SipMethods {
  /** Dials a SIP endpoint into a routed session; `callback(error, sipInterconnect)`. */
  dial(sessionId: string, token: string, sipUri: string, options?: V2DialOptions): Promise<SipInterconnect>;
  dial(sessionId: string, token: string, sipUri: string, callback: V2Callback<SipInterconnect>): undefined;
  dial(
    sessionId: string,
    token: string,
    sipUri: string,
    options: V2DialOptions | undefined,
    callback: V2Callback<SipInterconnect>,
  ): undefined;

  /** Plays DTMF digits to every SIP call of a session, or to one connection; `callback(error)`. */
  playDTMF(
    sessionId: string,
    connectionId: string | null | undefined,
    digits: string,
    callback: V2Callback<void>,
  ): undefined;
  playDTMF(sessionId: string, connectionId: string | null | undefined, digits: string): Promise<void>;
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
    const [given = {}, done] = shift<V2DialOptions, V2Callback<SipInterconnect>>(options, callback);
    return call(this, done as unknown, { prefix: 'Failed to dial endpoint.' }, async (client) => {
      need(sessionId, 'sessionId', 'No session ID given');
      need(token, 'token', 'No token given');
      need(sipUri, 'sipUri', 'No SIP URI given');
      const call = await client.sip.dial(
        sessionId,
        token,
        defined({
          uri: sipUri,
          headers: given.headers,
          auth: given.auth,
          secure: given.secure ? true : undefined,
          from: given.from ? String(given.from) : undefined,
          video: given.video ? true : undefined,
          observeForceMute: given.observeForceMute ? true : undefined,
          streams: given.streams,
        }),
      );
      return new SipInterconnect(call);
    });
  },

  playDTMF(
    this: OpenTokV2,
    sessionId: string,
    connectionId: string | null | undefined,
    digits: string,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      await client.sip.playDtmf(sessionId, digits, connectionId ? { connectionId } : {});
    });
  },
};
