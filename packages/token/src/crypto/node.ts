/**
 * The HMAC and base64 seam for runtimes with `node:crypto` (Node, Bun, Deno).
 * Picked by the `node` export condition; `web.ts` is the same API on `@noble/hashes`.
 * @module
 */
import { Buffer } from 'node:buffer';
import type * as NodeCrypto from 'node:crypto';
import { applicationInput } from '../application.js';
import { checkApplication, must } from '../validate.js';
import type { Seam } from './seam.js';

let loaded: typeof NodeCrypto | undefined;

/**
 * `node:crypto`, loaded on first use and kept: importing it brings some thirty internal
 * modules (about two thirds of this package's import time on Node 20), which a process that
 * only imports the package, or only decodes, never needs. `process.getBuiltinModule` (Node
 * >= 20.16, Bun, Deno) loads a built-in synchronously from ESM and CommonJS alike.
 */
const nodeCrypto = (): typeof NodeCrypto => (loaded ??= process.getBuiltinModule('node:crypto'));

export const createSigner: Seam['createSigner'] = (algorithm, secret) => {
  const { createHmac, hash } = nodeCrypto();
  const encoding = algorithm === 'sha256' ? 'base64url' : 'hex';
  let key: Buffer = Buffer.from(secret, 'utf8');
  // `crypto.hash` (Node >= 20.12) is a one-shot digest without a Hash object. Bun and Deno
  // have lacked it in some versions, hence the check.
  if (typeof hash !== 'function') return (data) => createHmac(algorithm, key).update(data, 'utf8').digest(encoding);
  // HMAC (RFC 2104) as two one-shot digests over precomputed key pads: measured 1.3x the
  // rate of createHmac on Node 20, whose per-call Hmac object dominates for short data.
  if (key.length > 64) key = hash(algorithm, key, 'buffer') as Buffer;
  // The inner pad is followed by the data's UTF-8 bytes (it grows to fit: at most 3 bytes a
  // character), the outer pad by the inner digest (32 or 20 bytes).
  let inner = Buffer.alloc(1024, 0x36);
  const outer = Buffer.alloc(algorithm === 'sha256' ? 96 : 84, 0x5c);
  for (const [i, byte] of key.entries()) {
    inner[i] = 0x36 ^ byte;
    outer[i] = 0x5c ^ byte;
  }
  return (data) => {
    // `concat` zero-fills up to the length asked for.
    if (inner.length < 64 + data.length * 3) inner = Buffer.concat([inner], 64 + data.length * 3);
    outer.set(hash(algorithm, inner.subarray(0, 64 + inner.write(data, 64, 'utf8')), 'buffer') as Buffer, 64);
    return hash(algorithm, outer, encoding) as string;
  };
};

// Tokens are encoded into one reused buffer rather than a new one per call (less garbage).
let scratch = Buffer.allocUnsafe(4096);

export const encodeBase64: Seam['encodeBase64'] = (text, urlSafe) => {
  if (scratch.length < text.length * 3) scratch = Buffer.allocUnsafe(text.length * 3);
  return scratch.toString(urlSafe ? 'base64url' : 'base64', 0, scratch.write(text, 'utf8'));
};

export const decodeBase64: Seam['decodeBase64'] = (base64) => new Uint8Array(Buffer.from(base64, 'base64'));

export const safeEqual: Seam['safeEqual'] = (a, b) => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && nodeCrypto().timingSafeEqual(left, right);
};

/** A `KeyObject` as it is, or one from a Web Crypto `CryptoKey` (anything else throws). */
const keyObject = (key: object): NodeCrypto.KeyObject => {
  const { KeyObject } = nodeCrypto();
  return key instanceof KeyObject ? key : KeyObject.from(key as never);
};

/**
 * The RSA key of `type` that `parse` reads (from PEM text, a `KeyObject` or a Web Crypto
 * `CryptoKey`); anything else, or a key that is not RSA, is refused without quoting it.
 */
function rsaKey(parse: () => NodeCrypto.KeyObject, type: 'private' | 'public'): NodeCrypto.KeyObject {
  let parsed: NodeCrypto.KeyObject | undefined;
  try {
    parsed = parse();
  } catch {}
  return parsed?.asymmetricKeyType === 'rsa' && parsed.type === type
    ? parsed
    : must(`${type}Key`, `be an RSA ${type} key`);
}

export const createRsaSigner: Seam['createRsaSigner'] = (privateKey) => {
  const { createPrivateKey, sign } = nodeCrypto();
  const key = rsaKey(
    () => (typeof privateKey === 'string' ? createPrivateKey(privateKey) : keyObject(privateKey)),
    'private',
  );
  return (data) => sign('sha256', Buffer.from(data, 'utf8'), key).toString('base64url');
};

export const createApplicationSigner: Seam['createApplicationSigner'] = (credentials) => {
  const [applicationId, privateKey] = checkApplication(credentials);
  const sign = createRsaSigner(privateKey);
  return [
    applicationId,
    (claims) => {
      const input = applicationInput(applicationId, claims);
      return `${input}.${sign(input)}`;
    },
    true,
  ];
};

export const createRsaVerifier: Seam['createRsaVerifier'] = (publicKey) => {
  const { createPublicKey, verify } = nodeCrypto();
  const key = rsaKey(() => {
    const parsed = typeof publicKey === 'string' ? createPublicKey(publicKey) : keyObject(publicKey);
    // A public key is read from a private one.
    return parsed.type === 'private' ? createPublicKey(parsed) : parsed;
  }, 'public');
  return (data, signature) => verify('sha256', Buffer.from(data, 'utf8'), key, Buffer.from(signature, 'base64url'));
};

export const createRsaSignerAsync: Seam['createRsaSignerAsync'] = async (privateKey) => createRsaSigner(privateKey);

export const createRsaVerifierAsync: Seam['createRsaVerifierAsync'] = async (publicKey) => createRsaVerifier(publicKey);
