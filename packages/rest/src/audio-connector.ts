/**
 * Audio Connector under `/v2/project/{apiKey}/connect`: the audio of a routed session sent to
 * a WebSocket server, and with `bidirectional` audio from it published back. Operations run by
 * the one core (`operation.ts`). Client-side checks: a `ws://` or `wss://` URI, headers of at
 * most 512 bytes, an audio rate of 8000, 16000 or 24000 Hz, and a valid `audioTransport`
 * (`audio-transport.ts`). The client token is never quoted.
 * @module
 */
import { type AudioTransport, toAudioTransport } from './audio-transport.js';
import { readJson } from './body.js';
import { optionalHeaders, optionalStreamIds, requireToken, requireUri } from './connector-checks.js';
import {
  bindTable,
  type CallOptions,
  defineOperation,
  ignoreBody,
  isRecord,
  type OperationContext,
} from './operation.js';
import type { Answer, Send } from './request.js';
import { fail, optionalBoolean, requireId, requireOptions, show } from './validate.js';
import { AUDIO_RATES, type AudioRate } from './values.js';

export { AUDIO_RATES, type AudioRate } from './values.js';

/** Options of `client.audioConnector.start`. */
export interface StartAudioConnectorOptions {
  /** `ws://` or `wss://` URI of your WebSocket server. */
  uri: string;
  /** Streams whose audio is sent; all of them when absent. */
  streams?: readonly string[] | undefined;
  /** Headers of the upgrade request (also in the opening message); at most 512 bytes. */
  headers?: Record<string, string> | undefined;
  /** Sample rate of the 16-bit linear PCM, in Hz: frames of 320, 640 or 960 bytes per 20 ms. @default 16000 */
  audioRate?: AudioRate | undefined;
  /** Audio your server sends back is published into the session. @default false */
  bidirectional?: boolean | undefined;
  /**
   * How audio travels on the WebSocket: binary frames, or (`transport: 'json'`, `encoding:
   * 'base64'`) one JSON text message per frame, the audio under `audioField` beside `staticFields`,
   * and audio sent back under `receiveAudioField`. @default { transport: 'binary' }
   */
  audioTransport?: AudioTransport | undefined;
}

/** What `start` returns. */
export interface AudioConnection {
  /** The connector's ID, for `stop`. */
  id: string;
  /** The connection the connector joined the session with (force-disconnecting it also stops it). */
  connectionId: string;
}

/** The Audio Connector methods of a client. */
export interface AudioConnector {
  /**
   * Connects the audio of a routed session to a WebSocket server.
   * @throws {InvalidArgumentError} for a bad session ID, token, URI, header map or rate.
   * @throws {ConflictError} for a relayed session.
   * @example
   * const { id, connectionId } = await client.audioConnector.start(sessionId, token, { uri: 'wss://example.com/audio', audioRate: 16000 })
   */
  start(
    sessionId: string,
    token: string,
    options: StartAudioConnectorOptions,
    callOptions?: CallOptions,
  ): Promise<AudioConnection>;
  /**
   * Stops a connector: its WebSocket is closed and its connection leaves the session.
   * @throws {NotFoundError} for an unknown or stopped connector.
   * @example
   * await client.audioConnector.stop(id)
   */
  stop(connectorId: string, callOptions?: CallOptions): Promise<void>;
}

const START_KEYS = ['uri', 'streams', 'headers', 'audioRate', 'bidirectional', 'audioTransport'] as const;

/** Validates start arguments and returns the JSON body. */
export function toAudioConnectorBody(
  sessionId: unknown,
  token: unknown,
  input: StartAudioConnectorOptions | undefined,
) {
  const body = { sessionId: requireId('sessionId', sessionId), token: requireToken(token) };
  if (input === undefined) fail('options', 'options with a uri are required');
  const options = requireOptions('options', input, START_KEYS);
  const websocket: Record<string, unknown> = { uri: requireUri('uri', options.uri, ['ws://', 'wss://']) };
  const { audioRate } = options;
  if (audioRate !== undefined && !(AUDIO_RATES as readonly unknown[]).includes(audioRate)) {
    fail('audioRate', `audioRate must be 8000, 16000 or 24000, not ${show(audioRate)}`);
  }
  const fields = {
    streams: optionalStreamIds('streams', options.streams),
    headers: optionalHeaders('headers', options.headers, 512),
    audioRate,
    bidirectional: optionalBoolean('bidirectional', options.bidirectional),
    audioTransport: toAudioTransport(options.audioTransport),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) websocket[key] = value;
  return { ...body, websocket };
}

/** The Audio Connector API, one definition per REST call. */
export const audioConnectorOperations = {
  start: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/connect',
    arity: 3,
    build: ([sessionId, token, options]: [string, string, StartAudioConnectorOptions]) => ({
      json: toAudioConnectorBody(sessionId, token, options),
    }),
    decode: (answer: Answer): AudioConnection => {
      const value = readJson(answer);
      if (!isRecord(value)) throw answer.parseError('expected { id, connectionId }');
      const { id, connectionId } = value;
      if (typeof id !== 'string' || id === '' || typeof connectionId !== 'string' || connectionId === '') {
        throw answer.parseError('expected { id, connectionId }');
      }
      return { ...value, id, connectionId };
    },
  }),
  stop: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/connect/{connectorId}/stop',
    params: ['connectorId'],
    arity: 1,
    build: (_: [string]) => ({ json: {} }),
    decode: ignoreBody,
  }),
};

/** Builds the Audio Connector methods on top of the request core. */
export function createAudioConnector(send: Send, context: OperationContext): AudioConnector {
  return bindTable(send, context, audioConnectorOperations);
}
