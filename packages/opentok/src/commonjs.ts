/**
 * The CommonJS door (`require('opentok')`). It returns the {@link OpenTok} class itself,
 * carrying every named export as a property, so that all of these work:
 *
 * - `new (require('opentok'))(key, secret)`: the modern class, constructed as with the official 2.x module (its methods return promises);
 * - `new (require('opentok').OpenTokSDK)(key, secret)` and `require('opentok').RoleConstants`: the 1.0 API;
 * - `const { OpenTok, generateToken } = require('opentok')` and `.default`: what the types describe.
 *
 * Only the CommonJS bundle does this; the ESM build leaves the class untouched.
 * @module
 */
import * as api from './index.js';

/** CommonJS's `module`, which `lib: es2023` does not declare. */
declare const module: { exports: unknown };

/**
 * Exports of `@opentok/rest` that its CommonJS door loads on first read: copied as getters, so
 * that `require('opentok')` does not load them (see `@opentok/rest`'s src/commonjs.ts).
 */
const LOADED_ON_READ = new Set(['OPERATIONS']);

const door: Record<string, unknown> = api.OpenTok as never;
for (const [key, { get, value }] of Object.entries(Object.getOwnPropertyDescriptors(api))) {
  if (get && LOADED_ON_READ.has(key)) Object.defineProperty(door, key, { enumerable: true, configurable: true, get });
  else door[key] = get ? get.call(api) : value;
}
module.exports = door;
