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

module.exports = Object.assign(api.OpenTok, api);
