/**
 * Session IDs: `"1_" + base64url("1~{apiKey}~{location}~{createTime}~{random}~{P?}~~")`.
 * See docs/protocol.md §1 for the format and the generations it went through.
 * @module
 */

import { decodeBase64, encodeBase64 } from '#crypto';
import { kindOf } from './argument-mistakes.js';
import { InvalidSessionIdError, PREFIX } from './errors.js';
import { randomBytes } from './random.js';
import { checkOptions, fail, isApiKey, isApplicationId, isBase64, must } from './validate.js';

/** What a session ID says about itself. None of it is signed: it proves nothing. */
export interface DecodedSessionId {
  /**
   * The API key of the project that created the session, or the application ID of the
   * Vonage application that did (field 1 holds either).
   */
  apiKey: string;
  /** The application ID when a Vonage application created the session (field 1 is a UUID). */
  applicationId: string | undefined;
  /** The IPv4 location hint given at creation, if any. */
  location: string | undefined;
  /**
   * Creation time in milliseconds since the epoch. IDs before 2016 hold a date string
   * (`Thu Aug 16 09:49:56 PDT 2012`), read with `Date.parse` (V8 runtimes read every one seen).
   */
  createTime: number | undefined;
  /** The creation time as written in the ID. */
  createTimeText: string;
  /** The random part. */
  random: string;
  /**
   * `true` when field 5 is `P`, seen in sessions created with `p2p.preference=enabled`
   * (relayed media). Older IDs never carry it, so `false` does not prove a routed session.
   */
  p2p: boolean;
  /** The digit before the `_`, `'1'` or `'2'`. */
  prefix: string;
  /** Every `~`-separated field of the decoded text. */
  fields: string[];
}

/** Throws {@link InvalidSessionIdError}: `An invalid session ID was passed`. */
export const invalid = (): never => {
  throw new InvalidSessionIdError('sessionId', `${PREFIX} An invalid session ID was passed`);
};

/**
 * The `~`-separated fields of a session ID, checked: what {@link decodeSessionId} reads, and
 * all the token generator needs (the API key is field 1).
 * @throws {InvalidSessionIdError}
 */
export function sessionFields(sessionId: string): string[] {
  if (sessionId == null || sessionId === '') {
    throw new InvalidSessionIdError('sessionId', `${PREFIX} Null or empty session ID is not valid`);
  }
  if (typeof sessionId !== 'string' || sessionId.length > 512 || !/^\d_/.test(sessionId)) invalid();
  const body = sessionId.slice(2);
  let bytes: Uint8Array = new Uint8Array();
  try {
    if (isBase64(body)) bytes = decodeBase64(body);
  } catch {}
  let text = '';
  for (const byte of bytes) text += byte < 32 || byte > 126 ? invalid() : String.fromCharCode(byte);
  const fields = text.split('~');
  if (fields[0] !== '1' || fields.length < 5 || !/^[\w-]{1,64}$/.test(fields[1] as string)) invalid();
  return fields;
}

/**
 * Decodes a session ID of any generation (2012 to today).
 * @throws {InvalidSessionIdError} `Null or empty session ID is not valid` for a missing ID,
 * `An invalid session ID was passed` for one that does not decode.
 * @example
 * decodeSessionId('1_MX4xMjM0NTZ-fn4xNzM5NTM4ODk0OTU5fn4').apiKey // '123456'
 */
export function decodeSessionId(sessionId: string): DecodedSessionId {
  const fields = sessionFields(sessionId);
  const [, apiKey = '', location, createTimeText = '', random = '', flag] = fields;
  const createTime = /^\d+$/.test(createTimeText) ? +createTimeText : Date.parse(createTimeText);
  return {
    apiKey,
    applicationId: isApplicationId(apiKey) ? apiKey : undefined,
    location: location || undefined,
    createTime: Number.isSafeInteger(createTime) ? createTime : undefined,
    createTimeText,
    random,
    p2p: flag === 'P',
    prefix: sessionId[0] as string,
    fields,
  };
}

/** Options of {@link encodeSessionId}. */
export interface EncodeSessionIdOptions {
  /** The project API key the session belongs to (an application ID is accepted too). */
  apiKey?: string | number | undefined;
  /** The Vonage application the session belongs to, in place of `apiKey`. */
  applicationId?: string | undefined;
  /** An IPv4 location hint. */
  location?: string | undefined;
  /** Creation time in milliseconds since the epoch. @default Date.now() */
  createTime?: number | undefined;
  /** `relayed` sets the `P` flag, as the service does for `p2p.preference=enabled`. @default 'routed' */
  mediaMode?: 'routed' | 'relayed' | undefined;
}

/**
 * Makes a session ID in the format the service issues today (docs/protocol.md §1.5), which
 * every official SDK's ownership check accepts. Used by `@opentok/emulator`.
 * @throws {InvalidArgumentError} for a bad API key or application ID, location, time or media mode.
 */
export function encodeSessionId(options: EncodeSessionIdOptions): string {
  const {
    applicationId,
    apiKey = applicationId,
    location = '',
    createTime = Date.now(),
    mediaMode = 'routed',
  } = checkOptions(options ?? null, [
    'apiKey',
    'applicationId',
    'location',
    'createTime',
    'mediaMode',
  ]) as Partial<EncodeSessionIdOptions>;
  // An application ID is accepted as `apiKey` too: stores keyed by either need one call.
  if (
    applicationId !== undefined
      ? apiKey !== applicationId || !isApplicationId(applicationId)
      : !isApiKey(apiKey) && !isApplicationId(apiKey)
  ) {
    fail(
      applicationId === undefined ? 'apiKey' : 'applicationId',
      applicationId === undefined
        ? `apiKey must be a string of digits (or an application ID)${typeof apiKey === 'string' && apiKey ? '' : `, not ${kindOf(apiKey)}`}`
        : 'applicationId must be a UUID (and no apiKey beside it)',
    );
  }
  if (
    typeof location !== 'string' ||
    (location && !/^(\d{1,3}\.){3}\d{1,3}$/.test(location)) ||
    location.split('.').some((part) => +part > 255)
  ) {
    must('location', 'be an IPv4 address');
  }
  if (!Number.isSafeInteger(createTime) || createTime < 0) must('createTime', 'be milliseconds since the epoch');
  if (mediaMode !== 'routed' && mediaMode !== 'relayed') must('mediaMode', "be 'routed' or 'relayed'");
  // 18 random bytes as standard base64: 24 characters, as in real IDs.
  const random = btoa(String.fromCharCode(...randomBytes(18)));
  return `1_${encodeBase64(`1~${apiKey}~${location}~${createTime}~${random}~${mediaMode === 'relayed' ? 'P' : ''}~~`, true)}`;
}
