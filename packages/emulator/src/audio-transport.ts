/**
 * How the Audio Connector puts audio on the WebSocket (`websocket.audioTransport`): `binary`,
 * one binary message of 16-bit PCM per 20 ms frame (the default), or `json`, one JSON text
 * message per frame with the PCM in base64 under `audioField` (default `audio`) beside the
 * `staticFields`; with `bidirectional`, audio comes back the same way, under
 * `receiveAudioField` (default: `audioField`) in JSON transport.
 * @module
 */
import { badRequest } from './problem.js';

/** The wire format of one connector, validated. */
export interface AudioTransport {
  transport: 'binary' | 'json';
  /** JSON transport only: `base64`. */
  encoding: 'base64' | undefined;
  audioField: string;
  receiveAudioField: string;
  staticFields: Record<string, unknown>;
}

/** The default: raw binary frames. */
export const BINARY_TRANSPORT: AudioTransport = {
  transport: 'binary',
  encoding: undefined,
  audioField: 'audio',
  receiveAudioField: 'audio',
  staticFields: {},
};

const FIELD = /^[A-Za-z_][\w.-]{0,63}$/;
/** Bytes the static fields may take as JSON: they go out 50 times a second. */
const MAX_STATIC_BYTES = 1024;

function field(value: unknown, name: string, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !FIELD.test(value)) {
    throw badRequest(`audioTransport.${name} must be a field name of at most 64 letters, digits, _ . or -.`);
  }
  return value;
}

/** Reads `websocket.audioTransport` (absent or `null`: binary), or a 400. */
export function parseAudioTransport(value: unknown): AudioTransport {
  if (value === undefined || value === null) return BINARY_TRANSPORT;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('audioTransport must be an object.');
  const options = value as Record<string, unknown>;
  const transport = options.transport ?? 'binary';
  if (transport !== 'binary' && transport !== 'json') {
    throw badRequest('audioTransport.transport must be binary or json.');
  }
  if (transport === 'binary') return BINARY_TRANSPORT;
  if (options.encoding !== 'base64') throw badRequest('audioTransport.encoding must be base64 with transport json.');
  const audioField = field(options.audioField, 'audioField', 'audio');
  const receiveAudioField = field(options.receiveAudioField, 'receiveAudioField', audioField);
  const { staticFields = {} } = options;
  if (typeof staticFields !== 'object' || staticFields === null || Array.isArray(staticFields)) {
    throw badRequest('audioTransport.staticFields must be an object.');
  }
  if (Object.hasOwn(staticFields, audioField)) {
    throw badRequest('audioTransport.staticFields must not hold the audioField.');
  }
  if (Buffer.byteLength(JSON.stringify(staticFields)) > MAX_STATIC_BYTES) {
    throw badRequest(`audioTransport.staticFields must take at most ${MAX_STATIC_BYTES} bytes as JSON.`);
  }
  return { transport, encoding: 'base64', audioField, receiveAudioField, staticFields: { ...staticFields } };
}

/** One frame as the message to send: the PCM itself, or its JSON text. */
export function encodeFrame(transport: AudioTransport, frame: Buffer): { data: Buffer | string; binary: boolean } {
  if (transport.transport === 'binary') return { data: frame, binary: true };
  return {
    data: JSON.stringify({ ...transport.staticFields, [transport.audioField]: frame.toString('base64') }),
    binary: false,
  };
}

/**
 * The PCM of a message from the WebSocket server, or `undefined` when it carries none (a binary
 * message in JSON transport, a text one in binary, JSON without the field, bad base64).
 */
export function decodeFrame(transport: AudioTransport, data: Buffer, isBinary: boolean): Buffer | undefined {
  if (transport.transport === 'binary') return isBinary ? data : undefined;
  if (isBinary) return undefined;
  let message: unknown;
  try {
    message = JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
  const audio = (message as Record<string, unknown> | null)?.[transport.receiveAudioField];
  if (typeof audio !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(audio) || audio.length % 4 !== 0) return undefined;
  return Buffer.from(audio, 'base64');
}
