/**
 * `@opentok/emulator`: a local OpenTok API server for development and tests. It serves the
 * original XML API and the modern JSON archive API with the real service's checks and
 * answers, plus a control API under `/_emulator/`.
 * @module
 */
export {
  type ApplicationKeys,
  createApplicationKeys,
  type EmulatorApplication,
} from './applications.js';
export type { Delivery, DeliveryOptions, DeliveryStatus } from './callback-dispatcher.js';
export type { EmulatorStateView, JoinedClient } from './clients.js';
export { controlApiNotice, isLoopbackHost } from './exposure.js';
export type { EmulatorProject, UploadTarget, VideoType } from './model.js';
export type { PublishStreamOptions } from './routes/roster-routes.js';
export {
  type ConnectOptions,
  type EventsOptions,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from './start-emulator.js';
export type { CallbackGroup, CallbackUrlChange, CallbackUrls } from './stores/callback-store.js';
export type {
  AudioConnectorStatusChangedEvent,
  AudioConnectorView,
  CaptionsStartedEvent,
  CaptionsStoppedEvent,
  CaptionsView,
  ConnectorFeedEvent,
  DtmfEvent,
  RenderStatusChangedEvent,
  SipCallCreatedEvent,
  SipCallDestroyedEvent,
  SipCallView,
  SipMuteForcedEvent,
} from './stores/connector-events.js';
export type {
  ConnectionCreatedEvent,
  ConnectionDestroyedEvent,
  ConnectionView,
  EndReason,
  ForceMuteAllEvent,
  SessionFeedEvent,
  SessionFeedEventName,
  SignalEvent,
  StreamCreatedEvent,
  StreamDestroyedEvent,
  StreamPropertyChangedEvent,
  StreamView,
} from './stores/session-event-feed.js';
