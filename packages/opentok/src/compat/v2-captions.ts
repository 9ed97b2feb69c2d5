/**
 * The 2.x methods of live captions: their arguments, requests, messages and results.
 * @module
 */
import type { StartCaptionsOptions } from '@opentok/rest';
import type { OpenTokV2 } from './v2.js';
import { call, fieldsOf, type Host, shift } from './v2-core.js';
import { COMMON, type Wording } from './v2-messages.js';
import type { V2Callback } from './v2-results.js';

const CAPTIONS = '/v2/project/{apiKey}/captions';

/** What 2.x says when `startCaptions` fails (`lib/captions.js`). */
const CAPTIONS_WORDS = {
  startCaptions: { byStatus: { 409: 'Live captions have already started for this OpenTok Session' } },
} satisfies Record<string, Wording>;

/** The 2.x methods of live captions. */
export interface CaptionsMethods {
  /** Starts live captions of a routed session; `callback(error, captionsId)`. */
  startCaptions(sessionId: string, token: string, options?: StartCaptionsOptions): Promise<string>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  startCaptions(sessionId: string, token: string, callback: V2Callback<string>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  startCaptions(
    this: Host,
    sessionId: string,
    token: string,
    options: StartCaptionsOptions | undefined,
    callback: V2Callback<string>,
  ): undefined;

  /** Stops live captions; `callback(error, true)`. */
  stopCaptions(captionsId: string): Promise<true>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  stopCaptions(this: Host, captionsId: string, callback: V2Callback<true>): undefined;
}

/** The implementations of {@link CaptionsMethods}, installed on the 2.x class's prototype. */
export const captionsMethods = {
  startCaptions(
    this: OpenTokV2,
    sessionId: string,
    token: string,
    options?: StartCaptionsOptions | V2Callback<string>,
    callback?: V2Callback<string>,
  ): Promise<string> | undefined {
    const [given, done] = shift<StartCaptionsOptions, V2Callback<string>>(options, callback);
    return call(this, done as unknown, CAPTIONS_WORDS.startCaptions, async (request) => {
      // 2.x sends these five, the caller's values unchecked, defaults for those left out.
      const { languageCode = 'en-US', maxDuration = 14400, partialCaptions = true } = fieldsOf(given);
      const json = { sessionId, token, languageCode, maxDuration, partialCaptions };
      return fieldsOf(await request({ method: 'POST', path: CAPTIONS, json })).captionsId as string;
    });
  },

  stopCaptions(this: OpenTokV2, captionsId: string, callback?: V2Callback<true>): Promise<true> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      await request({ method: 'POST', path: `${CAPTIONS}/{captionsId}/stop`, params: { captionsId } });
      return true as const;
    });
  },
};
