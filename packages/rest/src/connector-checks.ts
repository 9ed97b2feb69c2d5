/**
 * Checks shared by the connectors (SIP, Experience Composer, live captions, Audio Connector):
 * URIs of one scheme family, header maps, stream ID lists and the client token carried in the
 * body. Each failure is an `InvalidArgumentError` that describes the bad value by type and
 * size only, so a token or a password passed in the wrong place is never quoted.
 * @module
 */
import { isRecord } from './operation.js';
import { fail, requireId, show } from './validate.js';

/**
 * `value` when it is a URI of one of `schemes` (such as `['sip:', 'sips:']`) with something
 * after the scheme, without whitespace or control characters, at most `max` characters.
 */
export function requireUri(
  argument: string,
  value: unknown,
  schemes: readonly string[],
  { min = 1, max = 2048 }: { min?: number; max?: number } = {},
): string {
  const names = schemes.join(' or ');
  if (typeof value !== 'string') fail(argument, `${argument} must be a ${names} URI, not ${show(value)}`);
  const lower = value.toLowerCase();
  const scheme = schemes.find((candidate) => lower.startsWith(candidate));
  if (
    scheme === undefined ||
    value.length <= scheme.length ||
    value.length < min ||
    value.length > max ||
    /[\s\p{Cc}]/u.test(value)
  ) {
    fail(
      argument,
      `${argument} must be a ${names} URI of ${min} to ${max} characters without spaces, not ${show(value)}`,
    );
  }
  return value;
}

/** An `http://` or `https://` URL with a host, of `min` to `max` characters. */
export function requireHttpUrl(argument: string, value: unknown, min = 1, max = 2048): string {
  const url = requireUri(argument, value, ['http://', 'https://'], { min, max });
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {}
  if (!parsed || parsed.hostname === '') fail(argument, `${argument} must be an absolute http or https URL`);
  return url;
}

/**
 * The client token of a connector's body: a non-empty string of at most 8192 printable ASCII
 * characters (a JWT with 1000 characters of connection data is about 1700), never quoted.
 */
export function requireToken(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192 || !/^[\x21-\x7e]+$/.test(value)) {
    const what = typeof value === 'string' ? 'an empty, overlong or non-ASCII string' : show(value);
    fail('token', `token must be a client token of the session (a JWT or T1 string), not ${what}`);
  }
  return value;
}

/**
 * A map of header names to string values, or `undefined`. Names are HTTP tokens; values have
 * no line breaks; at most `maxBytes` bytes in total (names and values, UTF-8) when given.
 */
export function optionalHeaders(
  argument: string,
  value: unknown,
  maxBytes?: number,
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) fail(argument, `${argument} must be an object of header names to strings, not ${show(value)}`);
  const headers: Record<string, string> = {};
  let bytes = 0;
  for (const [name, text] of Object.entries(value)) {
    if (text === undefined) continue;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/.test(name)) {
      fail(argument, `${argument} has a key that is not an HTTP header name (${name.length} characters)`);
    }
    if (typeof text !== 'string' || /[\r\n\0]/.test(text)) {
      fail(`${argument}.${name}`, `${argument}.${name} must be a string without line breaks, not ${show(text)}`);
    }
    bytes += new TextEncoder().encode(name + text).length;
    headers[name] = text;
  }
  if (maxBytes !== undefined && bytes > maxBytes) {
    fail(argument, `${argument} must hold at most ${maxBytes} bytes of names and values, not ${bytes}`);
  }
  return headers;
}

/** A non-empty array of stream IDs, or `undefined`. */
export function optionalStreamIds(argument: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > 1000) {
    fail(argument, `${argument} must be a non-empty array of stream IDs, not ${show(value)}`);
  }
  return value.map((id, index) => requireId(`${argument}[${index}]`, id));
}
