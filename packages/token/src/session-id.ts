/**
 * Session IDs: `"1_" + base64url("1~{apiKey}~{location}~{createTime}~{random}~{P?}~~")`.
 * See protocol.md §1 for the format and the generations it went through.
 * @module
 */
import { decodeBase64, encodeBase64 } from '#crypto';
import { InvalidArgumentError, InvalidSessionIdError } from './errors.js';
import { randomBytes } from './random.js';

/** What a session ID says about itself. None of it is signed: it proves nothing. */
export interface DecodedSessionId {
  /** The API key of the project that created the session. */
  apiKey: string;
  /** The IPv4 location hint given at creation, if any. */
  location: string | undefined;
  /** Creation time in milliseconds since the epoch, when the ID's date field parses. */
  createTime: number | undefined;
  /** The creation time as written in the ID (milliseconds, or a date string in older IDs). */
  createTimeText: string;
  /** The random part. */
  random: string;
  /**
   * `true` when field 5 is `P`, seen in sessions created with `p2p.preference=enabled`
   * (relayed media). Older IDs never carry it, so `false` does not prove a routed session.
   */
  p2p: boolean;
  /** The two-character prefix's digit, `'1'` or `'2'`. */
  prefix: string;
  /** Every `~`-separated field of the decoded text. */
  fields: string[];
}

const FORMAT = /^\d_[A-Za-z0-9_+/-]+={0,2}$/;
const KEY = /^[\w-]{1,64}$/;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';
const ZONES: Record<string, number> = { PST: -8, PDT: -7, UTC: 0, GMT: 0 };

/** `Thu Aug 16 09:49:56 PDT 2012`, `2012-05-16 23:22:34.874487+00:00` or milliseconds. */
function parseCreateTime(text: string): number | undefined {
  if (/^\d{1,15}$/.test(text)) return Number(text);
  let match = /^\w{3} (\w{3}) (\d\d) (\d\d):(\d\d):(\d\d) ([A-Z]{3}) (\d{4})$/.exec(text);
  if (match) {
    const month = MONTHS.indexOf(match[1] as string) / 3;
    const zone = ZONES[match[6] as string];
    if (month % 1 !== 0 || month < 0 || zone === undefined) return undefined;
    const [, , day, hour, minute, second, , year] = match.map(Number) as number[];
    return Date.UTC(year as number, month, day, (hour as number) - zone, minute, second);
  }
  match = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3})\d*)?([+-]\d\d):?(\d\d)$/.exec(text);
  if (match) {
    const [, year, month, day, hour, minute, second, , zone, zoneMinutes] = match.map(Number) as number[];
    const millis = Number(((match[7] ?? '') + '00').slice(0, 3));
    const offset = ((zone as number) * 60 + Math.sign((zone as number) || 1) * (zoneMinutes as number)) * 60000;
    return Date.UTC(year as number, (month as number) - 1, day, hour, minute, second, millis) - offset;
  }
  return undefined;
}

/**
 * Decodes a session ID of any generation (2012 to today).
 * @throws {InvalidSessionIdError} `Null or empty session ID is not valid` for a missing ID,
 * `An invalid session ID was passed` for one that does not decode.
 * @example
 * decodeSessionId('1_MX4xMjM0NTZ-fn4xNzM5NTM4ODk0OTU5fn4').apiKey // '123456'
 */
export function decodeSessionId(sessionId: string): DecodedSessionId {
  if (sessionId === null || sessionId === undefined || sessionId === '') {
    throw new InvalidSessionIdError('sessionId', 'Null or empty session ID is not valid');
  }
  if (typeof sessionId !== 'string' || sessionId.length > 512 || !FORMAT.test(sessionId)) {
    throw new InvalidSessionIdError('sessionId', 'An invalid session ID was passed');
  }
  const bytes = decodeBase64(sessionId.slice(2));
  let text = '';
  for (const byte of bytes) {
    if (byte < 0x20 || byte > 0x7e) throw new InvalidSessionIdError('sessionId', 'An invalid session ID was passed');
    text += String.fromCharCode(byte);
  }
  const fields = text.split('~');
  const apiKey = fields[1] ?? '';
  if (fields[0] !== '1' || fields.length < 5 || !KEY.test(apiKey)) {
    throw new InvalidSessionIdError('sessionId', 'An invalid session ID was passed');
  }
  const createTimeText = fields[3] as string;
  return {
    apiKey,
    location: fields[2] || undefined,
    createTime: parseCreateTime(createTimeText),
    createTimeText,
    random: fields[4] as string,
    p2p: fields[5] === 'P',
    prefix: sessionId[0] as string,
    fields,
  };
}

/** Options of {@link encodeSessionId}. */
export interface EncodeSessionIdOptions {
  /** The project API key the session belongs to. */
  apiKey: string | number;
  /** An IPv4 location hint. */
  location?: string | undefined;
  /** Creation time in milliseconds since the epoch. @default Date.now() */
  createTime?: number | undefined;
  /** `relayed` sets the `P` flag, as the service does for `p2p.preference=enabled`. @default 'routed' */
  mediaMode?: 'routed' | 'relayed' | undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * Makes a session ID in the format the service issues today (protocol.md §1.5), which
 * every official SDK's ownership check accepts. Used by `@opentok/emulator`.
 * @throws {InvalidArgumentError} for a bad API key, location or time.
 */
export function encodeSessionId(options: EncodeSessionIdOptions): string {
  const { apiKey, location = '', createTime = Date.now(), mediaMode = 'routed' } = options ?? {};
  const key = String(apiKey);
  if (!/^\d{1,32}$/.test(key)) throw new InvalidArgumentError('apiKey', 'apiKey must be a string of digits');
  if (location !== '' && !IPV4.test(location)) {
    throw new InvalidArgumentError('location', 'location must be an IPv4 address');
  }
  if (!Number.isSafeInteger(createTime) || createTime < 0) {
    throw new InvalidArgumentError('createTime', 'createTime must be milliseconds since the epoch');
  }
  if (mediaMode !== 'routed' && mediaMode !== 'relayed') {
    throw new InvalidArgumentError('mediaMode', "mediaMode must be 'routed' or 'relayed'");
  }
  let random = '';
  for (const byte of randomBytes(18)) random += String.fromCharCode(byte);
  // 18 random bytes as standard base64: 24 characters, as in real IDs.
  const plain = `1~${key}~${location}~${createTime}~${btoa(random)}~${mediaMode === 'relayed' ? 'P' : ''}~~`;
  return `1_${encodeBase64(plain, true)}`;
}
