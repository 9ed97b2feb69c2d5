/**
 * The 2.x `createSession`: its tolerant options, its form (in the caller's key order), its
 * messages and its {@link Session} result, as the official 2.23's `lib/opentok.js`.
 * @module
 */
import { type CreateSessionOptions, ResponseParseError } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import { call, shift } from './v2-core.js';
import type { Wording } from './v2-messages.js';
import { Session, type V2Callback } from './v2-results.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** What 2.x says when `createSession` fails. */
const SESSION_WORDS = { createSession: { prefix: 'Failed to createSession.' } } satisfies Record<string, Wording>;

/**
 * 2.x's options: its defaults appended, an unknown `mediaMode` made `relayed` and an unknown
 * `archiveMode` made `manual` (in place, keeping the caller's key order); then its two checks.
 */
export function sessionOptions(given: object | undefined): Record<string, unknown> {
  const options: Record<string, unknown> = { ...given };
  options.mediaMode ??= 'relayed';
  options.archiveMode ??= 'manual';
  if (options.mediaMode !== 'routed' && options.mediaMode !== 'relayed') options.mediaMode = 'relayed';
  if (options.archiveMode !== 'manual' && options.archiveMode !== 'always') options.archiveMode = 'manual';
  if (options.archiveMode === 'always' && options.mediaMode !== 'routed') {
    throw new InvalidArgumentError(
      'archiveMode',
      'A session with always archive mode must also have the routed media mode.',
    );
  }
  if ('location' in options && !(typeof options.location === 'string' && IPV4.test(options.location))) {
    throw new InvalidArgumentError(
      'location',
      'Invalid arguments when calling createSession, location must be an IPv4 address',
    );
  }
  return options;
}

/** The form 2.x posts: the options without `mediaMode`, each value as text, `p2p.preference` last. */
export function sessionForm(options: Record<string, unknown>): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(options)) if (name !== 'mediaMode') form[name] = String(value);
  form['p2p.preference'] = options.mediaMode === 'routed' ? 'disabled' : 'enabled';
  return form;
}

/** The session ID of the service's answer: `[{ session_id }]`. */
function sessionIdOf(answer: unknown): string {
  const first = Array.isArray(answer) ? (answer[0] as { session_id?: unknown } | undefined) : undefined;
  if (typeof first?.session_id !== 'string') {
    throw new ResponseParseError('[opentok] the answer to createSession has no session_id', {
      method: 'POST',
      path: '/session/create',
    });
  }
  return first.session_id;
}

/**
 * `createSession` of the 2.x class. With a callback, 2.x's: tolerant options, its form, and
 * `callback(error, session)` with a 2.x {@link Session} (`sessionId` and the options). Without,
 * the modern call (checked options), a promise of a {@link Session} with the created
 * session's fields (`apiKey`, `createTime`, `properties`, ...).
 */
export function createSessionV2(
  ot: OpenTokV2,
  options?: CreateSessionOptions | V2Callback<Session>,
  callback?: V2Callback<Session>,
): Promise<Session> | undefined {
  const [given, done] = shift<CreateSessionOptions, V2Callback<Session>>(options ?? {}, callback);
  if (done === undefined) {
    return call(
      ot,
      undefined,
      SESSION_WORDS.createSession,
      async () => new Session(ot, await ot.client.createSession(given)),
    );
  }
  return call(ot, done as unknown, SESSION_WORDS.createSession, async (request) => {
    const settled = sessionOptions(given);
    const answer = await request({ method: 'POST', path: '/session/create', form: sessionForm(settled) });
    return new Session(ot, sessionIdOf(answer), settled);
  });
}
