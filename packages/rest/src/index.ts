/**
 * `@opentok/rest`: the OpenTok REST API over `fetch` — sessions, the original and the modern
 * archive API — with typed results and errors, timeouts and retries. Runs wherever `fetch`
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
export { type Client, type ClientOptions, createClient } from './client.js';
export {
  AuthenticationError,
  ConflictError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RequestError,
  type RequestErrorDetails,
  ResponseParseError,
  ServerError,
  TimeoutError,
} from './errors.js';
export type { ArchiveEvent, ArchiveManifest, ArchiveResource, LegacyArchiveOptions } from './legacy-archives.js';
export type { ClientHooks, FetchFunction, RetryOptions } from './request.js';
export type { ArchiveMode, CreateSessionOptions, MediaMode, Session } from './sessions.js';
export { VERSION } from './version.js';
