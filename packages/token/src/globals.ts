/**
 * The few Web globals this package uses, declared here instead of pulling in the DOM or
 * Node type libraries, so that `Buffer` or `process` in shared code fail to type-check.
 * @module
 */
export interface WebCrypto {
  getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T;
  randomUUID(): string;
  /** Web Crypto, for RS256 in runtimes without `node:crypto` (the async functions). */
  subtle?: SubtleCrypto;
}

/** A Web Crypto key (only what this package reads). */
export interface CryptoKey {
  readonly type: 'private' | 'public' | 'secret';
  readonly algorithm: { name: string };
}

type RsaAlgorithm = { name: 'RSASSA-PKCS1-v1_5'; hash: 'SHA-256' };

/** The few `crypto.subtle` methods RS256 needs. */
export interface SubtleCrypto {
  importKey(
    format: 'pkcs8' | 'spki' | 'jwk',
    data: Uint8Array | object,
    algorithm: RsaAlgorithm,
    extractable: boolean,
    usages: ('sign' | 'verify')[],
  ): Promise<CryptoKey>;
  exportKey(format: 'jwk', key: CryptoKey): Promise<{ n?: string; e?: string }>;
  sign(algorithm: RsaAlgorithm, key: CryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: RsaAlgorithm, key: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

declare global {
  var crypto: WebCrypto | undefined;
  function btoa(data: string): string;
  function atob(data: string): string;
  var TextEncoder: { new (): { encode(input: string): Uint8Array } };
  var TextDecoder: {
    new (label?: string, options?: { fatal?: boolean }): { decode(input: Uint8Array): string };
  };
}
