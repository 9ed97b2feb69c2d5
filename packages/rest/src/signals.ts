/**
 * Signals: a message (`type`, `data`) the service delivers to every client of a session, or
 * to one connection. The service's limits are checked before sending: `type` at most 128
 * bytes and `data` at most 8 kB (8192 bytes), both counted in UTF-8.
 * @module
 */
import { fail, requireOptions, show } from './validate.js';
import { SIGNAL_DATA_MAX_BYTES, SIGNAL_TYPE_MAX_BYTES } from './values.js';

/** A signal. */
export interface SignalPayload {
  /** What kind of signal this is, for the clients' `signal:<type>` handlers; at most 128 bytes. */
  type?: string | undefined;
  /** The message; at most 8 kB (8192 bytes of UTF-8). */
  data: string;
}

export { SIGNAL_DATA_MAX_BYTES, SIGNAL_TYPE_MAX_BYTES } from './values.js';

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Validates a signal and returns the JSON body. */
export function toSignalBody(input: SignalPayload | undefined): { type?: string; data: string } {
  if (input === undefined) fail('payload', 'payload is required: { type?, data }');
  const payload = requireOptions('payload', input, ['type', 'data']);
  const { type, data } = payload;
  if (typeof data !== 'string') fail('payload.data', `payload.data must be a string, not ${show(data)}`);
  if (utf8Length(data) > SIGNAL_DATA_MAX_BYTES) {
    fail('payload.data', `payload.data must be at most ${SIGNAL_DATA_MAX_BYTES} bytes of UTF-8, not ${show(data)}`);
  }
  if (type === undefined) return { data };
  if (typeof type !== 'string') fail('payload.type', `payload.type must be a string, not ${show(type)}`);
  if (utf8Length(type) > SIGNAL_TYPE_MAX_BYTES) {
    fail('payload.type', `payload.type must be at most ${SIGNAL_TYPE_MAX_BYTES} bytes of UTF-8, not ${show(type)}`);
  }
  return { type, data };
}
