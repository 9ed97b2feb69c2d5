/**
 * `@opentok/rest`: the OpenTok REST API over `fetch` — sessions, the original and the modern
 * archive API, broadcasts — with typed results and errors, timeouts and retries. Runs wherever `fetch`
 * does; Node-only helpers live in `@opentok/rest/node`.
 * @module
 */

export { InvalidArgumentError, InvalidSessionIdError, OpenTokError } from '@opentok/token';
export type {
  AddStreamOptions,
  AllArchivesOptions,
  Archive,
  ArchiveLayout,
  ArchiveList,
  ArchiveOutputMode,
  ArchiveStatus,
  ArchiveStream,
  ArchiveStreamMode,
  Archives,
  ArchiveTranscription,
  LayoutType,
  ListArchivesOptions,
  StartArchiveOptions,
} from './archives.js';
export {
  AUDIO_RATES,
  type AudioConnection,
  type AudioConnector,
  type AudioRate,
  type StartAudioConnectorOptions,
} from './audio-connector.js';
export type {
  AddBroadcastStreamOptions,
  AllBroadcastsOptions,
  Broadcast,
  BroadcastLayout,
  BroadcastList,
  BroadcastRtmp,
  BroadcastStatus,
  BroadcastStream,
  Broadcasts,
  BroadcastUrls,
  HlsOutput,
  HlsStatus,
  ListBroadcastsOptions,
  RtmpOutput,
  RtmpStatus,
  StartBroadcastOptions,
} from './broadcasts.js';
export {
  type ArchiveCallback,
  type BroadcastCallback,
  CALLBACK_EVENTS,
  type Callback,
  type CallbackCall,
  type CallbackConnection,
  type CallbackEvent,
  type CallbackGroup,
  type CallbackRegistration,
  type CallbackStream,
  type Callbacks,
  type CallCreatedCallback,
  type CallDestroyedCallback,
  type CallUpdatedCallback,
  type CaptionsCallback,
  type ConnectionCreatedCallback,
  type ConnectionDestroyedCallback,
  type ConnectionDestroyedReason,
  type MonitoringFields,
  type MuteForcedCallback,
  parseCallback,
  type RegisterCallbackOptions,
  type RenderCallback,
  type SessionCreatedCallback,
  type SessionDestroyedCallback,
  type StreamCreatedCallback,
  type StreamDestroyedCallback,
  type StreamDestroyedReason,
} from './callbacks.js';
export {
  CAPTIONS_STATUSES,
  type Captions,
  type CaptionsStatus,
  type LiveCaptions,
  type StartCaptionsOptions,
  type StartedCaptions,
} from './captions.js';
export { type Client, type ClientOptions, coreOf, createClient } from './client.js';
export type { Connection, ConnectionList, ConnectionState, Connections } from './connections.js';
export {
  AuthenticationError,
  ConflictError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RedirectError,
  RequestError,
  type RequestErrorDetails,
  ResponseParseError,
  ServerError,
  TimeoutError,
} from './errors.js';
export type {
  ArchiveEvent,
  ArchiveManifest,
  ArchiveResource,
  LegacyArchiveOptions,
  LegacyArchives,
} from './legacy-archives.js';
export type { AllOptions, CallOptions, Page } from './operation.js';
export { OPERATIONS, type OperationSummary } from './operations.js';
export {
  type ListRendersOptions,
  RENDER_STATUSES,
  type Render,
  type RenderList,
  type RenderStatus,
  type Renders,
  type StartRenderOptions,
} from './renders.js';
export type { Answer, Call, ClientHooks, FetchFunction, HttpMethod, RetryOptions, Send } from './request.js';
export type { MuteAllOptions, SessionControl, SignalOptions } from './session-control.js';
export type { ArchiveMode, CreateSessionOptions, MediaMode, Session, Sessions } from './sessions.js';
export { SIGNAL_DATA_MAX_BYTES, SIGNAL_TYPE_MAX_BYTES, type SignalPayload } from './signals.js';
export type { DialOptions, PlayDtmfOptions, Sip, SipAuth, SipCall } from './sip.js';
export type { Stream, StreamClassList, StreamList, Streams, VideoType } from './streams.js';
export {
  ARCHIVE_MODES,
  ARCHIVE_OUTPUT_MODES,
  ARCHIVE_STATUSES,
  BROADCAST_STATUSES,
  HLS_STATUSES,
  LAYOUT_TYPES,
  MEDIA_MODES,
  RESOLUTIONS,
  type Resolution,
  RTMP_STATUSES,
  SCREENSHARE_LAYOUT_TYPES,
  type ScreenshareLayoutType,
  STREAM_MODES,
  type StreamMode,
} from './values.js';
export { VERSION } from './version.js';
