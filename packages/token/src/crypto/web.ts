/**
 * The HMAC and base64 seam on Web APIs and `@noble/hashes`: workerd, edge runtimes and
 * browsers. Picked by the `default` export condition; `node.ts` is the same API.
 * @module
 */
import { _SHA1 } from '@noble/hashes/legacy.js';
import { _SHA256 } from '@noble/hashes/sha2.js';
import type { CryptoKey } from '../globals.js';
import { fail, must } from '../validate.js';
import type { Seam } from './seam.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function base64(bytes: Uint8Array, urlSafe: boolean): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const encoded = btoa(binary);
  return urlSafe ? encoded.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_') : encoded;
}

export const createSigner: Seam['createSigner'] = (algorithm, secret) => {
  // HMAC (RFC 2104) with both padded-key states hashed once: every call clones them.
  // Both SHA-1 and SHA-256 have 64-byte blocks; a longer key is hashed first.
  // The hash classes rather than noble's `sha256`/`sha1` wrappers keep their option checks
  // out of the bundle (the edge signing path's size budget).
  const create = () => (algorithm === 'sha256' ? new _SHA256() : new _SHA1());
  const key = utf8(secret);
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? create().update(key).digest() : key);
  const inner = create().update(block.map((byte) => byte ^ 0x36));
  const outer = create().update(block.map((byte) => byte ^ 0x5c));
  return (data) => {
    const mac = outer
      .clone()
      .update(inner.clone().update(utf8(data)).digest())
      .digest();
    return algorithm === 'sha256'
      ? base64(mac, true)
      : Array.from(mac as Uint8Array, (byte) => (byte + 256).toString(16).slice(1)).join('');
  };
};

export const encodeBase64: Seam['encodeBase64'] = (text, urlSafe) => base64(utf8(text), urlSafe);

export const decodeBase64: Seam['decodeBase64'] = (encoded) =>
  Uint8Array.from(atob(encoded.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));

export const safeEqual: Seam['safeEqual'] = (a, b) => {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % b.length || 0);
  return diff === 0;
};

/** Web Crypto can only sign asynchronously: the synchronous RS256 functions say where to go. */
const needsAsync = (argument: string): never =>
  fail(argument, 'RS256 is asynchronous here (Web Crypto): use the *Async functions');

export const createRsaSigner: Seam['createRsaSigner'] = () => needsAsync('privateKey');

export const createRsaVerifier: Seam['createRsaVerifier'] = () => needsAsync('publicKey');

export const createApplicationSigner: Seam['createApplicationSigner'] = () => needsAsync('privateKey');

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/**
 * A Web Crypto RSA key of `type` from PEM text (PKCS #8 private, SPKI public) or a
 * `CryptoKey`; a public key is read from a private one through its JWK `n` and `e`.
 * Anything else is refused without quoting it.
 */
async function rsaKey(key: string | object, type: 'private' | 'public'): Promise<CryptoKey> {
  const argument = `${type}Key`;
  const subtle = globalThis.crypto?.subtle ?? fail(argument, 'crypto.subtle is missing in this runtime');
  let imported: CryptoKey | undefined;
  try {
    if (typeof key === 'string') {
      const [, kind, body = ''] =
        /^-----BEGIN (PRIVATE|PUBLIC) KEY-----([\w+/=\s]+)-----END \1 KEY-----$/.exec(key.trim()) ?? [];
      imported = await subtle.importKey(
        kind === 'PRIVATE' ? 'pkcs8' : 'spki',
        decodeBase64(body.replace(/\s/g, '')),
        RSA,
        true,
        [kind === 'PRIVATE' ? 'sign' : 'verify'],
      );
    } else imported = key as CryptoKey;
    if (imported.type === 'private' && type === 'public') {
      const { n, e } = await subtle.exportKey('jwk', imported);
      imported = await subtle.importKey('jwk', { kty: 'RSA', n, e }, RSA, false, ['verify']);
    }
  } catch {}
  return imported?.type === type && imported.algorithm.name === RSA.name
    ? imported
    : must(argument, `be an RSA ${type} key (PEM PKCS #8 or SPKI, or a CryptoKey)`);
}

export const createRsaSignerAsync: Seam['createRsaSignerAsync'] = async (privateKey) => {
  const key = await rsaKey(privateKey, 'private');
  const subtle = globalThis.crypto?.subtle as NonNullable<typeof globalThis.crypto>['subtle'] & object;
  return async (data) => base64(new Uint8Array(await subtle.sign(RSA, key, utf8(data))), true);
};

export const createRsaVerifierAsync: Seam['createRsaVerifierAsync'] = async (publicKey) => {
  const key = await rsaKey(publicKey, 'public');
  const subtle = globalThis.crypto?.subtle as NonNullable<typeof globalThis.crypto>['subtle'] & object;
  return async (data, signature) => {
    try {
      return await subtle.verify(RSA, key, decodeBase64(signature), utf8(data));
    } catch {
      return false;
    }
  };
};
