/**
 * The words of 2.x's errors, as data: what each 2.x method's failures say (from the official
 * 2.23's `lib/`), applied by one binder, {@link bindMessage}. The message is 2.x's whole
 * message; the detail stays on the error's properties (`status`, `method`, `path`,
 * `serviceMessage`, `body`, `cause`), and its class stays ours.
 * @module
 */
import { RequestError } from '@opentok/rest';

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

const ARCHIVE_NOT_FOUND = 'Archive not found';
const SESSION_OR_CONNECTION = 'Session or Connection not found';
const ARCHIVE_STREAMS: Wording = {
  byStatus: {
    400: ({ body }) => `Invalid request: ${JSON.stringify(body)}`,
    404: 'Archive or stream not found',
    405: 'Unsupported Stream Mode',
  },
};

/** The 2.x methods whose failures have words of their own; every other one has the common words. */
const TABLE = {
  createSession: { prefix: 'Failed to createSession.' },
  startArchive: { byStatus: { 404: 'Session not found' } },
  stopArchive: {
    byStatus: {
      404: ARCHIVE_NOT_FOUND,
      409: ({ body }) => String(messageOf(body) || 'Unknown archive error'),
    },
  },
  getArchive: { byStatus: { 404: ARCHIVE_NOT_FOUND } },
  deleteArchive: { byStatus: { 404: ARCHIVE_NOT_FOUND } },
  addArchiveStream: ARCHIVE_STREAMS,
  removeArchiveStream: ARCHIVE_STREAMS,
  startBroadcast: {
    prefix: 'Failed to start broadcast.',
    byStatus: { 400: 'Bad session ID, token, SIP credentials, or SIP URI (sip:user@domain.tld)' },
  },
  stopBroadcast: { prefix: 'Failed to stop broadcast.' },
  getBroadcast: { prefix: 'Failed to get broadcast.' },
  signal: { byStatus: { 404: SESSION_OR_CONNECTION } },
  forceDisconnect: { byStatus: { 404: SESSION_OR_CONNECTION } },
  dial: { prefix: 'Failed to dial endpoint.' },
  startCaptions: { byStatus: { 409: 'Live captions have already started for this OpenTok Session' } },
  websocketConnect: { prefix: 'Error connecting to websocket:', bare: true },
} satisfies Record<string, Wording>;

/** A 2.x method, as named in the table (or any other, which has the common words). */
export type V2Method = keyof typeof TABLE | (string & {});

const AUTH = 'Invalid API key or secret';
const NOT_FOUND = 'Not Found';

/** The `message` of a JSON body, when it has a truthy one. */
function messageOf(body: unknown): unknown {
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

/** The message 2.x gives a failed answer of `method`. */
export function v2Message(method: V2Method, said: Said): string {
  const wording: Wording = (TABLE as Record<string, Wording>)[method] ?? {};
  const words = wording.byStatus?.[said.status] ?? commonWords;
  return typeof words === 'function' ? words(said) : words;
}

/**
 * Gives `error` the message 2.x gives it for `method`: the words for a failed answer, with the
 * method's prefix (also before a network failure's message). Argument errors, thrown before
 * any request, keep theirs. The error keeps its class and properties.
 */
export function bindMessage(error: unknown, method: V2Method): unknown {
  if (!RequestError.isInstance(error)) return error;
  const { status } = error;
  let message = error.message;
  if (typeof status === 'number') {
    const text = error.body ?? '';
    message = v2Message(method, { status, text, body: parse(text) });
  }
  const wording: Wording = (TABLE as Record<string, Wording>)[method] ?? {};
  if (wording.prefix !== undefined) message = `${wording.prefix} ${wording.bare ? '' : 'Error: '}${message}`;
  Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  return error;
}
