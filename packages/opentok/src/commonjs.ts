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
import { OpenTokArchive, OpenTokArchiveVideoResource } from './compat/archive.js';
import { OpenTokSDK } from './compat/opentok-sdk.js';
import { RoleConstants, SessionProperties } from './compat/role-constants.js';
import { OpenTok, OpenTokV2 } from './compat/v2.js';
import { Archive, Broadcast, Callback, Render, Session, SipInterconnect, Stream } from './compat/v2-exports.js';

/**
 * CommonJS's `module`, which `lib: es2023` does not declare. The build turns `module.require`
 * into a plain `require` (tsup.config.ts), which bundlers follow.
 */
declare const module: { exports: unknown; require(id: string): Record<string, unknown> };

/**
 * Exports of `@opentok/rest` that its CommonJS door loads on first read: copied as getters, so
 * that `require('opentok')` does not load them (see `@opentok/rest`'s src/commonjs.ts).
 */
const LOADED_ON_READ = new Set(['OPERATIONS']);

// What index.ts exports: the two packages' CommonJS exports, read directly (no namespace object
// of getters to build and call them through), then this package's own names, which win as they
// do over `export *` in ESM. test/built.test.ts holds the result to what dist/index.d.cts declares.
const door = OpenTok as unknown as Record<string, unknown>;
for (const exports of [module.require('@opentok/token'), module.require('@opentok/rest')]) {
  for (const key of Object.keys(exports)) {
    if (LOADED_ON_READ.has(key)) {
      Object.defineProperty(door, key, { enumerable: true, configurable: true, get: () => exports[key] });
    } else door[key] = exports[key];
  }
}
Object.assign(door, {
  Archive,
  Broadcast,
  Callback,
  OpenTok,
  OpenTokArchive,
  OpenTokArchiveVideoResource,
  OpenTokSDK,
  OpenTokV2,
  Render,
  RoleConstants,
  Session,
  SessionProperties,
  SipInterconnect,
  Stream,
  default: OpenTok,
});
module.exports = door;
