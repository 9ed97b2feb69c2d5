/**
 * Randomness for nonces and session IDs, only from `crypto.getRandomValues` /
 * `crypto.randomUUID` (never `Math.random`).
 * @module
 */
import { OpenTokError, PREFIX } from './errors.js';
import type { WebCrypto } from './globals.js';

function webCrypto(): WebCrypto {
  const crypto = globalThis.crypto;
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new OpenTokError(`${PREFIX} crypto.getRandomValues is missing`);
  }
  return crypto;
}

// Nonces come from a pool refilled 256 at a time: one getRandomValues call per token
// costs more than the HMAC on Node.
const POOL_SIZE = 256;
const pool = /* @__PURE__ */ new Uint32Array(POOL_SIZE);
let next = POOL_SIZE;

/** A random integer from 0 to 2^32 - 1. */
export function randomUint32(): number {
  if (next === POOL_SIZE) {
    webCrypto().getRandomValues(pool);
    next = 0;
  }
  return pool[next++] as number;
}

/** `length` random bytes. */
export function randomBytes(length: number): Uint8Array {
  return webCrypto().getRandomValues(new Uint8Array(length));
}

/** A random UUID (v4). */
export function randomUUID(): string {
  return webCrypto().randomUUID();
}
