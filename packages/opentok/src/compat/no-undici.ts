/**
 * What `#undici` resolves to outside Node (see `imports` in package.json): edge and browser
 * bundlers then find a module without pulling undici in. It is never loaded: the constructor
 * refuses a proxy where there is no Node.
 * @module
 */
export const ProxyAgent = undefined;
export const fetch = undefined;
