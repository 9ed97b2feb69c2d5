/**
 * The package's `#undici` import (package.json `imports`): undici under Node, an empty module
 * elsewhere. Declared here because TypeScript resolves it by other conditions than Node does.
 */
declare module '#undici' {
  export const fetch: ((url: string, init: object) => Promise<unknown>) | undefined;
  export const ProxyAgent: (new (url: string) => object) | undefined;
}
