/**
 * SIP interconnect under `/v2/project/{apiKey}/dial` and `…/play-dtmf`, as a table of
 * operations run by the one core (`operation.ts`). Client-side checks: a `sip:` or `sips:`
 * URI, header maps of strings, a username with any password, DTMF digits `0-9`, `*`, `#`
 * and `p` (a 500 ms pause). The client token and the password are never quoted in an error.
 * @module
 */
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
import { fail, optionalBoolean, optionalString, requireId, requireOptions, show } from './validate.js';

/** Digest credentials the SIP platform asks for. */
export interface SipAuth {
  username: string;
  password: string;
}

/** Options of `client.sip.dial`. */
export interface DialOptions {
  /** `sip:` or `sips:` URI to call, such as `sip:+15551234567@sip.example.com;transport=tls`. */
  uri: string;
  /** `user@host` shown as the caller; a numeric user is the caller ID on phone networks. */
  from?: string | undefined;
  /** Custom headers of the SIP INVITE (names usually start with `X-`). */
  headers?: Record<string, string> | undefined;
  /** Digest authentication toward the SIP platform. */
  auth?: SipAuth | undefined;
  /** Encrypt the media (SRTP). @default false */
  secure?: boolean | undefined;
  /** Send and receive video too. @default false */
  video?: boolean | undefined;
  /** The call follows the session's force mute. @default false */
  observeForceMute?: boolean | undefined;
  /** Streams the SIP side hears; all of them when absent. */
  streams?: readonly string[] | undefined;
}

/** A SIP call, as `dial` returns it; fields the service adds are kept. */
export interface SipCall {
  /** The call's ID. */
  id: string;
  /** The connection the call joined the session with. */
  connectionId: string;
  /** The stream the call publishes. */
  streamId: string;
  projectId?: string;
  sessionId?: string;
  createdAt?: number;
  updatedAt?: number;
}

/** Options of `client.sip.playDtmf`. */
export interface PlayDtmfOptions {
  /** Play the digits to this connection only; to every SIP call of the session when absent. */
  connectionId?: string | undefined;
}

/** The SIP methods of a client. */
export interface Sip {
  /**
   * Dials a SIP endpoint into a routed session; the call joins as a connection with a stream.
   * @throws {InvalidArgumentError} for a bad session ID, token, URI, header map or auth.
   * @throws {NotFoundError} for an unknown session. @throws {ConflictError} for a relayed session.
   * @example
   * const call = await client.sip.dial(sessionId, token, { uri: 'sip:+15551234567@sip.example.com', from: '15557654321@example.com' })
   */
  dial(sessionId: string, token: string, options: DialOptions, callOptions?: CallOptions): Promise<SipCall>;
  /**
   * Plays DTMF tones to the SIP calls of a session, or to one connection.
   * @throws {InvalidArgumentError} for digits other than `0-9`, `*`, `#` and `p`.
   * @example
   * await client.sip.playDtmf(sessionId, '1234#', { connectionId: call.connectionId })
   */
  playDtmf(sessionId: string, digits: string, options?: PlayDtmfOptions, callOptions?: CallOptions): Promise<void>;
  /**
   * Plays DTMF tones to one connection; the same as `playDtmf` with `{ connectionId }`.
   * @example
   * await client.sip.playDtmfToConnection(sessionId, call.connectionId, '1p2p3')
   */
  playDtmfToConnection(
    sessionId: string,
    connectionId: string,
    digits: string,
    callOptions?: CallOptions,
  ): Promise<void>;
}

const DIAL_KEYS = ['uri', 'from', 'headers', 'auth', 'secure', 'video', 'observeForceMute', 'streams'] as const;
/** The DTMF digits the service plays: `0-9`, `*`, `#`, and `p` for a 500 ms pause. */
export const DTMF_DIGITS = /^[0-9*#p]{1,256}$/;

/** Checks DTMF digits. */
export function toDigits(value: unknown): string {
  if (typeof value !== 'string' || !DTMF_DIGITS.test(value)) {
    fail('digits', `digits must be 1 to 256 of 0-9, *, # and p, not ${show(value)}`);
  }
  return value;
}

function toAuth(value: unknown): SipAuth | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) fail('auth', `auth must be an object { username, password }, not ${show(value)}`);
  const auth = requireOptions('auth', value as Partial<SipAuth>, ['username', 'password']);
  if (typeof auth.username !== 'string' || auth.username === '' || auth.username.length > 256) {
    fail('auth.username', `auth.username must be a non-empty string, not ${show(auth.username)}`);
  }
  if (typeof auth.password !== 'string' || auth.password.length > 256) {
    fail('auth.password', `auth.password must be a string of at most 256 characters, not ${show(auth.password)}`);
  }
  return { username: auth.username, password: auth.password };
}

/** Validates dial arguments and returns the JSON body. */
export function toDialBody(sessionId: unknown, token: unknown, input: DialOptions | undefined) {
  const body = { sessionId: requireId('sessionId', sessionId), token: requireToken(token) };
  if (input === undefined) fail('options', 'options with a uri are required');
  const options = requireOptions('options', input, DIAL_KEYS);
  const sip: Record<string, unknown> = { uri: requireUri('uri', options.uri, ['sip:', 'sips:']) };
  const fields = {
    from: optionalString('from', options.from, 256),
    headers: optionalHeaders('headers', options.headers),
    auth: toAuth(options.auth),
    secure: optionalBoolean('secure', options.secure),
    video: optionalBoolean('video', options.video),
    observeForceMute: optionalBoolean('observeForceMute', options.observeForceMute),
    streams: optionalStreamIds('streams', options.streams),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) sip[key] = value;
  return { ...body, sip };
}

/** Reads a dial answer. */
export function toSipCall(answer: Answer, value: unknown): SipCall {
  if (!isRecord(value)) throw answer.parseError('expected a SIP call object');
  for (const field of ['id', 'connectionId', 'streamId'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '')
      throw answer.parseError(`the SIP call has no ${field}`);
  }
  const call = { ...value } as unknown as SipCall;
  if (value.projectId !== undefined && value.projectId !== null) call.projectId = String(value.projectId);
  return call;
}

const toPlayDtmfOptions = (value: unknown) => requireOptions('options', value as PlayDtmfOptions, ['connectionId']);

/** The SIP API, one definition per REST call. */
export const sipOperations = {
  dial: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/dial',
    arity: 3,
    build: ([sessionId, token, options]: [string, string, DialOptions]) => ({
      json: toDialBody(sessionId, token, options),
    }),
    decode: (answer: Answer) => toSipCall(answer, readJson(answer)),
  }),
  playDtmf: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/session/{sessionId}/play-dtmf',
    params: ['sessionId'],
    arity: 2,
    build: ([, digits]: [string, string]) => ({ json: { digits: toDigits(digits) } }),
    decode: ignoreBody,
  }),
  playDtmfToConnection: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/session/{sessionId}/connection/{connectionId}/play-dtmf',
    params: ['sessionId', 'connectionId'],
    arity: 3,
    build: ([, , digits]: [string, string, string]) => ({ json: { digits: toDigits(digits) } }),
    decode: ignoreBody,
  }),
};

/** Builds the SIP methods on top of the request core. */
export function createSip(send: Send, context: OperationContext): Sip {
  const methods = bindTable(send, context, sipOperations);
  return {
    dial: methods.dial,
    playDtmfToConnection: methods.playDtmfToConnection,
    playDtmf(sessionId, digits, options, callOptions) {
      let connectionId: string | undefined;
      try {
        connectionId = toPlayDtmfOptions(options).connectionId;
      } catch (error) {
        return Promise.reject(error);
      }
      return connectionId === undefined
        ? methods.playDtmf(sessionId, digits, callOptions)
        : methods.playDtmfToConnection(sessionId, connectionId, digits, callOptions);
    },
  };
}
