/**
 * The 2.x methods of Audio Connector (websocketConnect): their arguments, requests, messages and results.
 * @module
 */

import type { OpenTokV2 } from './v2.js';
import { call, type Host, isPlainObject, need, shift } from './v2-core.js';
import type { Wording } from './v2-messages.js';
import type { V2Callback } from './v2-results.js';

/** `websocketConnect` options as 2.x takes them. */
export interface WebsocketOptions {
  streams?: readonly string[];
  /** Headers for the WebSocket server; `null` (or anything but a plain object) sends none, as 2.x. */
  headers?: Record<string, string> | null;
  bidirectional?: boolean;
  audioRate?: 8000 | 16000;
}

/** What 2.x says when `websocketConnect` fails: its prefix, then the failure's message. */
const AUDIO_WORDS = {
  websocketConnect: { prefix: 'Error connecting to websocket:', bare: true },
} satisfies Record<string, Wording>;

/** The 2.x methods of Audio Connector (websocketConnect). */
export interface AudioConnectorMethods {
  /** Connects a session's audio to a WebSocket server (Audio Connector); `callback(error, { id, connectionId })`. */
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    options?: WebsocketOptions,
  ): Promise<{ id: string; connectionId: string }>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    callback: V2Callback<{ id: string; connectionId: string }>,
  ): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  websocketConnect(
    this: Host,
    sessionId: string,
    token: string,
    websocketUri: string,
    options: WebsocketOptions | undefined,
    callback: V2Callback<{ id: string; connectionId: string }>,
  ): undefined;
}

/** The implementations of {@link AudioConnectorMethods}, installed on the 2.x class's prototype. */
export const audioConnectorMethods = {
  websocketConnect(
    this: OpenTokV2,
    sessionId: string,
    token: string,
    websocketUri: string,
    options?: WebsocketOptions | V2Callback<{ id: string; connectionId: string }>,
    callback?: V2Callback<{ id: string; connectionId: string }>,
  ): Promise<{ id: string; connectionId: string }> | undefined {
    const [given, done] = shift<WebsocketOptions, V2Callback<{ id: string; connectionId: string }>>(options, callback);
    return call(this, done as unknown, AUDIO_WORDS.websocketConnect, async (request) => {
      need(sessionId, 'sessionId', 'No sessionId given to websocketConnect');
      need(token, 'token', 'No token given to websocketConnect');
      need(websocketUri, 'websocketUri', 'No websocketUri given to websocketConnect');
      const options = given ?? {};
      const websocket: Record<string, unknown> = { uri: websocketUri };
      if (Array.isArray(options.streams)) websocket.streams = options.streams;
      if (isPlainObject(options.headers)) websocket.headers = options.headers;
      if (options.bidirectional) websocket.bidirectional = options.bidirectional;
      const json = { sessionId, token, websocket };
      return (await request({ method: 'POST', path: '/v2/project/{apiKey}/connect', json })) as {
        id: string;
        connectionId: string;
      };
    });
  },
};
