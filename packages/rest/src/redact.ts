/**
 * Keeps secrets out of anything we show: error messages, excerpts of bodies.
 * @module
 */

const TOKENS = /eyJ[\w-]*\.[\w-]*\.[\w-]*|T1==[\w+/=-]+/g;
const UNPRINTABLE = /[^\x20-\x7e]+/g;
const MARKER = '[REDACTED]';
/** Rounds with the marker before falling back to plain removal, which always ends. */
const MARKED_ROUNDS = 4;

/**
 * The values to hide for one request: the API secret, the auth header's value and, for a
 * JWT, each of its three parts (a server may echo the signature alone).
 */
export function secretsOf(apiSecret: string, authValue: string | undefined): string[] {
  // A private key (PEM) is hidden whole and line by line, should a server echo a part of it.
  const secrets = [apiSecret, ...apiSecret.split(/\s+/).filter((line) => line.length >= 16 && line !== apiSecret)];
  if (authValue) secrets.push(authValue, ...authValue.split('.').filter((part) => part.length >= 8));
  return secrets;
}

/** Every place where one of `secrets` starts, as covered character ranges, merged. */
function covered(text: string, secrets: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const secret of secrets) {
    if (secret === '') continue;
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
      ranges.push([at, at + secret.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/**
 * Replaces every occurrence of each secret (overlapping ones included) until none is left:
 * with the marker first, then, should the marker and its neighbours spell a secret again,
 * by removal, which shortens the text each round and so always ends.
 */
function strip(text: string, secrets: readonly string[]): string {
  let result = text;
  for (let round = 0; ; round++) {
    const ranges = covered(result, secrets);
    if (ranges.length === 0) return result;
    const marker = round < MARKED_ROUNDS ? MARKER : '';
    let next = '';
    let from = 0;
    for (const [start, end] of ranges) {
      next += result.slice(from, start) + marker;
      from = end;
    }
    result = next + result.slice(from);
  }
}

/**
 * Returns `text` made printable, with every JWT, T1 token and occurrence of a secret
 * replaced by `[REDACTED]`, and cut to `limit` characters. No secret is left in the
 * result, however the text and the marker combine.
 */
export function redact(text: string, secret: string | readonly string[], limit: number): string {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  let clean = strip(text.replace(UNPRINTABLE, ' '), secrets).replace(TOKENS, MARKER).trim();
  if (clean.length > limit) clean = `${clean.slice(0, Math.max(0, limit - 3))}...`;
  // Trimming, the token marker or the ellipsis may have joined pieces into a secret again;
  // cutting a prefix afterwards cannot make a new one.
  return strip(clean, secrets).slice(0, Math.max(0, limit));
}
