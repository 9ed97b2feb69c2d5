/**
 * Keeps secrets out of anything we show: error messages, excerpts of bodies.
 * @module
 */

const TOKENS = /eyJ[\w-]*\.[\w-]*\.[\w-]*|T1==[\w+/=-]+/g;
const UNPRINTABLE = /[^\x20-\x7e]+/g;

/**
 * Returns `text` made printable, with every JWT, T1 token and occurrence of `secret`
 * replaced by `[REDACTED]`, and cut to `limit` characters.
 */
export function redact(text: string, secret: string, limit: number): string {
  let clean = text.split(secret).join('[REDACTED]').replace(TOKENS, '[REDACTED]').replace(UNPRINTABLE, ' ').trim();
  if (clean.length > limit) clean = `${clean.slice(0, limit - 3)}...`;
  return clean;
}
