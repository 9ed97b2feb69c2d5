/**
 * The few Web globals this package uses, declared here instead of pulling in the DOM or
 * Node type libraries, so that `Buffer` or `process` in shared code fail to type-check.
 * @module
 */
export interface WebCrypto {
  getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T;
  randomUUID(): string;
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
