/**
 * `opentok`: the OpenTok server SDK. {@link OpenTok} binds a project's credentials once and
 * offers sessions, tokens and archives with promises and types; {@link OpenTokSDK} is the
 * original 1.0 module's API for code written against it. Everything else is re-exported from
 * `@opentok/token` (signing, verification, the error family) and `@opentok/rest` (HTTP).
 * @module
 */
import { OpenTok } from './compat/v2-namespace.js';

// The REST meanings of the four names whose 2.x meaning the `OpenTok` namespace holds
// (compat/v2-types.ts): `OpenTok.Archive` in CommonJS types is the 2.x archive, `OpenTok.RestArchive` the REST one.
export type {
  Archive as RestArchive,
  Broadcast as RestBroadcast,
  DialOptions as RestDialOptions,
  SignalOptions as RestSignalOptions,
} from '@opentok/rest';
export * from '@opentok/rest';
export * from '@opentok/token';
export { OpenTokArchive, type OpenTokArchiveTimelineEvent, OpenTokArchiveVideoResource } from './compat/archive.js';
export type { LegacySessionProperties, LegacyTokenOptions, LegacyTokenSettings } from './compat/legacy-arguments.js';
export { OpenTokSDK, type OpenTokSDKOptions } from './compat/opentok-sdk.js';
export { RoleConstants, SessionProperties } from './compat/role-constants.js';
export type { NodeCallback, ResultHandler } from './compat/settle.js';
export {
  type ListCallback,
  type OpenTokEnvironment,
  OpenTokV2,
  type Outcome,
  type V2DialOptions,
  type WebsocketOptions,
} from './compat/v2.js';
export {
  Archive,
  type ArchiveResult,
  Broadcast,
  type BroadcastResult,
  Callback,
  type CallbackResult,
  Render,
  type RenderResult,
  Session,
  type SessionResult,
  SipInterconnect,
  Stream,
  type StreamResult,
  type V2Callback,
  type V2TokenOptions,
} from './compat/v2-exports.js';
export type { OpenTokOptions } from './opentok.js';
export { OpenTok };

export default OpenTok;
