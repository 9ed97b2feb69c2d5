/**
 * The words of 2.x's errors. Each resource module holds, as data, what its methods' failures
 * say (a {@link Wording}, from the official 2.23's `lib/`); this one binder applies them, and
 * the words common to every call. The message is 2.x's whole message; the detail stays on the
 * error's properties (`status`, `method`, `path`, `serviceMessage`, `body`, `cause`), and its
 * class stays ours.
 * @module
 */
import { RedirectError, RequestError } from '@opentok/rest';

/** A failed answer as the table reads it: its status and body. */
export interface Said {
  status: number;
  /** The body as text (`''` when empty). */
  text: string;
  /** The body parsed as JSON, else the text. */
  body: unknown;
}

/** What 2.x says for one method: its own words by status, and how it wraps any failure. */
export interface Wording {
  /** Words in place of the common ones, by HTTP status. */
  byStatus?: Partial<Record<number, string | ((said: Said) => string)>>;
  /**
   * 2.x's `new Error(prefix + ' ' + err)`: the prefix, then `Error: ` and the message of the
   * failure (`String(err)` of a 2.x error); with `bare`, the message alone (`err.message`).
   */
  prefix?: string;
  bare?: boolean;
}

/** The words of a method that has none of its own: 2.x's common words. */
export const COMMON: Wording = {};

const AUTH = 'Invalid API key or secret';
const NOT_FOUND = 'Not Found';

/** The `message` of a JSON body, when it has a truthy one. */
export function messageOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
}

/** 2.x's words for any call: 401/403, 404, or the body's message (else the body) quoted. */
function commonWords({ status, text, body }: Said): string {
  if (status === 401 || status === 403) return AUTH;
  if (status === 404) return NOT_FOUND;
  return `Unexpected response from OpenTok: "${JSON.stringify({ message: messageOf(body) || text })}"`;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The message 2.x gives a failed answer, in a method's `wording`. */
export function v2Message(wording: Wording, said: Said): string {
  const words = wording.byStatus?.[said.status] ?? commonWords;
  return typeof words === 'function' ? words(said) : words;
}

/**
 * Gives `error` the message 2.x gives it in a method's `wording`: the words for a failed answer,
 * with the method's prefix (also before a network failure's message). Argument errors, thrown
 * before any request, keep theirs, and so does a refused redirect. The error keeps its class
 * and properties.
 */
export function bindMessage(error: unknown, wording: Wording): unknown {
  if (!RequestError.isInstance(error)) return error;
  const { status } = error;
  let message = error.message;
  // 2.x follows a redirect (credentials and all), so it has no words for one; ours refuses it
  // and keeps saying so (status and target origin), after the method's prefix.
  if (typeof status === 'number' && !RedirectError.isInstance(error)) {
    const text = error.body ?? '';
    message = v2Message(wording, { status, text, body: parse(text) });
  }
  if (wording.prefix !== undefined) message = `${wording.prefix} ${wording.bare ? '' : 'Error: '}${message}`;
  Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  return error;
}
