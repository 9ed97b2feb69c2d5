/**
 * The contract both seam implementations (`node.ts`, `web.ts`) fulfil. Shared code imports
 * `#crypto`, which the build (and the test config) points at one of them.
 * @module
 */
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
}
