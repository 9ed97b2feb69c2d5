/**
 * The contract both seam implementations (`node.ts`, `web.ts`) fulfil. Shared code imports
 * `#crypto`, which the build (and the test config) points at one of them.
 * @module
 */
import type { VerifyCredentials } from '../validate.js';

export interface Seam {
  /**
   * A signer bound to one secret: HMAC-SHA256 as unpadded base64url (JWT signatures) or
   * HMAC-SHA1 as lowercase hex (T1 signatures), over the UTF-8 bytes of `data`.
   */
  createSigner(algorithm: 'sha256' | 'sha1', secret: string): (data: string) => string;
  /** UTF-8 text to base64, standard alphabet with padding, or base64url without padding. */
  encodeBase64(text: string, urlSafe: boolean): string;
  /** Either alphabet, padding optional. The caller has already checked the characters. */
  decodeBase64(base64: string): Uint8Array;
  /** Compares two strings in time that depends only on their lengths. */
  safeEqual(a: string, b: string): boolean;
  /**
   * An RS256 signer (RSASSA-PKCS1-v1_5 with SHA-256, unpadded base64url) bound to an RSA
   * private key, parsed once here. Synchronous where the runtime can (Node); the Web seam
   * throws, pointing at the async functions.
   */
  createRsaSigner(privateKey: string | object): (data: string) => string;
  /**
   * An application's synchronous client-token signer: checks its credentials, parses the key
   * once and returns the application ID and a signer from the payload's claims (`,"iat"` on)
   * to the whole RS256 JWT. Node only; the Web seam throws, pointing at the async functions.
   */
  createApplicationSigner(
    credentials: VerifyCredentials,
  ): [applicationId: string, sign: (claims: string) => string, application: true];
  /** The same as a promise of an asynchronous signer: Web Crypto where there is no `node:crypto`. */
  createRsaSignerAsync(privateKey: string | object): Promise<(data: string) => string | Promise<string>>;
  /**
   * An RS256 verifier bound to an RSA public key (a private key is read for its public part).
   * Synchronous on Node; the Web seam throws, pointing at the async functions.
   */
  createRsaVerifier(publicKey: string | object): (data: string, signature: string) => boolean;
  /** The same, asynchronous where only Web Crypto is there. */
  createRsaVerifierAsync(
    publicKey: string | object,
  ): Promise<(data: string, signature: string) => boolean | Promise<boolean>>;
}
