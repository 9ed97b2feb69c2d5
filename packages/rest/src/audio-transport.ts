/**
 * The Audio Connector's wire format (`audioTransport`): raw binary PCM frames, or one JSON text
 * message per 20 ms frame with the PCM in base64. The types say which combinations are valid:
 * the JSON-only fields go with `transport: 'json'` and `encoding: 'base64'` only.
 * @module
 */
import { fail, requireOptions, show } from './validate.js';

/** Binary transport (the default): one binary message of 16-bit PCM per 20 ms frame, both ways. */
export interface BinaryAudioTransport {
  transport: 'binary';
}

/** JSON transport: one JSON text message per 20 ms frame, the PCM base64-encoded in a field. */
export interface JsonAudioTransport {
  transport: 'json';
  /** How the PCM is written in the JSON message: `base64`, the only one. */
  encoding: 'base64';
  /** The field the audio sent to your server is under. @default 'audio' */
  audioField?: string | undefined;
  /** With `bidirectional`: the field the audio your server sends back is under. @default audioField */
  receiveAudioField?: string | undefined;
  /** Fields added to every audio message, such as `{ event: 'media' }` (at most 1 KiB as JSON). */
  staticFields?: Record<string, string | number | boolean | null> | undefined;
}

/** How audio travels on the WebSocket. */
export type AudioTransport = BinaryAudioTransport | JsonAudioTransport;

export { AUDIO_TRANSPORTS } from './values.js';

const FIELD = /^[A-Za-z_][\w.-]{0,63}$/;
const MAX_STATIC_BYTES = 1024;
const JSON_KEYS = ['transport', 'encoding', 'audioField', 'receiveAudioField', 'staticFields'] as const;

function fieldName(argument: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !FIELD.test(value)) {
    fail(argument, `${argument} must be a field name of at most 64 letters, digits, _ . or -, not ${show(value)}`);
  }
  return value;
}

/** Validates `audioTransport` and returns it as sent, or `undefined` when absent. */
export function toAudioTransport(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const argument = 'audioTransport';
  const options = requireOptions(argument, value as Partial<JsonAudioTransport>, JSON_KEYS);
  const transport: unknown = options.transport;
  if (transport === 'binary') {
    requireOptions(argument, value as BinaryAudioTransport, ['transport']);
    return { transport };
  }
  if (transport !== 'json') {
    fail(`${argument}.transport`, `${argument}.transport must be 'binary' or 'json', not ${show(transport)}`);
  }
  if (options.encoding !== 'base64') {
    fail(
      `${argument}.encoding`,
      `${argument}.encoding must be 'base64' with transport 'json', not ${show(options.encoding)}`,
    );
  }
  const result: Record<string, unknown> = { transport, encoding: 'base64' };
  const audioField = fieldName(`${argument}.audioField`, options.audioField);
  const receiveAudioField = fieldName(`${argument}.receiveAudioField`, options.receiveAudioField);
  if (audioField !== undefined) result.audioField = audioField;
  if (receiveAudioField !== undefined) result.receiveAudioField = receiveAudioField;
  const { staticFields } = options;
  if (staticFields !== undefined) {
    if (typeof staticFields !== 'object' || staticFields === null || Array.isArray(staticFields)) {
      fail(`${argument}.staticFields`, `${argument}.staticFields must be an object, not ${show(staticFields)}`);
    }
    for (const [key, field] of Object.entries(staticFields)) {
      if (!['string', 'number', 'boolean'].includes(typeof field) && field !== null) {
        fail(`${argument}.staticFields`, `${argument}.staticFields values must be strings, numbers, booleans or null`);
      }
      if (key === (audioField ?? 'audio')) {
        fail(`${argument}.staticFields`, `${argument}.staticFields must not hold the audio field '${key}'`);
      }
    }
    if (new TextEncoder().encode(JSON.stringify(staticFields)).byteLength > MAX_STATIC_BYTES) {
      fail(`${argument}.staticFields`, `${argument}.staticFields must take at most ${MAX_STATIC_BYTES} bytes as JSON`);
    }
    result.staticFields = { ...staticFields };
  }
  return result;
}
