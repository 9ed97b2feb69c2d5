/**
 * The HMAC and base64 seam on Web APIs and `@noble/hashes`: workerd, edge runtimes and
 * browsers. Picked by the `default` export condition; `node.ts` is the same API.
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Seam } from './seam.js';

const encoder = /* @__PURE__ */ new TextEncoder();
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function bytesToBase64(bytes: Uint8Array, urlSafe: boolean): string {
  const chars = urlSafe ? URL_ALPHABET : ALPHABET;
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += chars[n >> 18]! + chars[(n >> 12) & 63]! + chars[(n >> 6) & 63]! + chars[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest) {
    const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out += chars[n >> 18]! + chars[(n >> 12) & 63]!;
    out += rest === 2 ? chars[(n >> 6) & 63]! : urlSafe ? '' : '=';
    if (!urlSafe) out += '=';
  }
  return out;
}

export const createSigner: Seam['createSigner'] = (algorithm, secret) => {
  // Pads the key once; every call clones the keyed state (noble's HMAC keeps both pads).
  const keyed = hmac.create(algorithm === 'sha256' ? sha256 : sha1, encoder.encode(secret));
  return (data) => {
    const mac = keyed.clone().update(encoder.encode(data)).digest();
    if (algorithm === 'sha256') return bytesToBase64(mac, true);
    let hex = '';
    for (const byte of mac) hex += (byte < 16 ? '0' : '') + byte.toString(16);
    return hex;
  };
};

export const encodeBase64: Seam['encodeBase64'] = (text, urlSafe) => bytesToBase64(encoder.encode(text), urlSafe);

export const decodeBase64: Seam['decodeBase64'] = (base64) => {
  const clean = base64.replace(/=+$/, '');
  const bytes = new Uint8Array((clean.length * 3) >> 2);
  let bits = 0;
  let value = 0;
  let j = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    // A-Z, a-z, 0-9, then + or -, / or _
    const v =
      c >= 65 && c <= 90
        ? c - 65
        : c >= 97 && c <= 122
          ? c - 71
          : c >= 48 && c <= 57
            ? c + 4
            : c === 43 || c === 45
              ? 62
              : 63;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (value >> bits) & 255;
    }
  }
  return bytes;
};

export const safeEqual: Seam['safeEqual'] = (a, b) => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
};
