/**
 * The CommonJS door (`require('@opentok/rest')`): every export of `index.ts`, but only the
 * error classes and the constants are loaded by `require` itself. The rest of the package
 * (`dist/api.cjs`, the CommonJS build of `index.ts`) is required on first use: by the first
 * call of `createClient` or `parseCallback`, or the first read of `OPERATIONS`.
 *
 * Why: compiling that code (about 90 kB) is most of what `require('@opentok/rest')` costs,
 * and a serverless function pays it on every cold start, also when it only signs tokens or
 * reads a callback later. ESM cannot defer a static import, so the ESM build (`index.ts`)
 * loads everything up front.
 *
 * Both doors hand out the same objects: the error classes and constants come from chunks
 * that `api.cjs` shares, and the wrappers call the functions of `api.cjs`. Only the CommonJS
 * bundle uses this file; the declarations of both builds come from `index.ts`.
 * @module
 */
import { InvalidArgumentError, InvalidSessionIdError, OpenTokError } from '@opentok/token';
import type { Callback } from './callbacks.js';
import type { Client, ClientOptions } from './client.js';
import {
  AuthenticationError,
  ConflictError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RedirectError,
  RequestError,
  ResponseParseError,
  ServerError,
  TimeoutError,
} from './errors.js';
import type * as Api from './index.js';
import {
  ARCHIVE_MODES,
  ARCHIVE_OUTPUT_MODES,
  ARCHIVE_STATUSES,
  AUDIO_RATES,
  BROADCAST_STATUSES,
  CALLBACK_EVENTS,
  CAPTIONS_STATUSES,
  HLS_STATUSES,
  LAYOUT_TYPES,
  MEDIA_MODES,
  RENDER_STATUSES,
  RESOLUTIONS,
  RTMP_STATUSES,
  SCREENSHARE_LAYOUT_TYPES,
  SIGNAL_DATA_MAX_BYTES,
  SIGNAL_TYPE_MAX_BYTES,
  STREAM_MODES,
} from './values.js';
import { VERSION } from './version.js';

/** CommonJS's `module`, which `lib: es2023` does not declare. */
declare const module: { exports: object; require(id: string): unknown };

let api: typeof Api | undefined;
/**
 * The whole package, required once. The build turns `module.require` into a plain `require`
 * with a literal path, which bundlers follow.
 */
const load = (): typeof Api => (api ??= module.require('./api.cjs') as typeof Api);

// Plain data properties, not a getter per export: reading each of them (as `require('opentok')`
// does when it copies them) then compiles no function.
module.exports = Object.defineProperty(
  {
    ARCHIVE_MODES,
    ARCHIVE_OUTPUT_MODES,
    ARCHIVE_STATUSES,
    AUDIO_RATES,
    AuthenticationError,
    BROADCAST_STATUSES,
    CALLBACK_EVENTS,
    CAPTIONS_STATUSES,
    ConflictError,
    coreOf: (client: Client): Api.Send => load().coreOf(client),
    createClient: (options: ClientOptions): Client => load().createClient(options),
    HLS_STATUSES,
    InvalidArgumentError,
    InvalidRequestError,
    InvalidSessionIdError,
    LAYOUT_TYPES,
    MEDIA_MODES,
    NetworkError,
    NotFoundError,
    OpenTokError,
    parseCallback: (body: unknown): Callback => load().parseCallback(body),
    RateLimitError,
    RedirectError,
    RENDER_STATUSES,
    RESOLUTIONS,
    RequestError,
    ResponseParseError,
    RTMP_STATUSES,
    SCREENSHARE_LAYOUT_TYPES,
    SIGNAL_DATA_MAX_BYTES,
    SIGNAL_TYPE_MAX_BYTES,
    STREAM_MODES,
    ServerError,
    TimeoutError,
    VERSION,
  },
  'OPERATIONS',
  { enumerable: true, get: () => load().OPERATIONS },
);
