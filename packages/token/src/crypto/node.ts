/**
 * The HMAC and base64 seam for runtimes with `node:crypto` (Node, Bun, Deno).
 * Picked by the `node` export condition; `web.ts` is the same API on `@noble/hashes`.
 * @module
 */
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Seam } from './seam.js';

export const createSigner: Seam['createSigner'] = (algorithm, secret) => {
  // Measured on Node 20: a Buffer key signs faster than a string (encoded on every call)
  // or a KeyObject (slower to unwrap than a Buffer).
  const key = Buffer.from(secret, 'utf8');
  const name = algorithm === 'sha256' ? 'sha256' : 'sha1';
  const encoding = algorithm === 'sha256' ? 'base64url' : 'hex';
  return (data) => createHmac(name, key).update(data, 'utf8').digest(encoding);
};

export const encodeBase64: Seam['encodeBase64'] = (text, urlSafe) =>
  Buffer.from(text, 'utf8').toString(urlSafe ? 'base64url' : 'base64');

export const decodeBase64: Seam['decodeBase64'] = (base64) => new Uint8Array(Buffer.from(base64, 'base64'));

export const safeEqual: Seam['safeEqual'] = (a, b) => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};
