/**
 * The names under which `opentok` exports the 2.x result classes. Each name is two things:
 * the value is the class 2.x hands out (`archive instanceof Archive`), the type stays the
 * REST layer's plain result (so `const archive: Archive = await opentok.archives.start(…)`
 * still compiles). The instance types of the classes are `ArchiveResult`, `SessionResult`, …
 * @module
 */
import type * as rest from '@opentok/rest';
import * as results from './v2-results.js';

/**
 * The class of the sessions `createSession` hands out: `sessionId`, the options it was created
 * with (`mediaMode`, `archiveMode`, `location`), `generateToken()`; the promise form adds the
 * created session's `apiKey`, `createTime` and `properties`.
 */
export const Session: typeof results.Session = results.Session;
/** A session the service created (the REST result; {@link SessionResult} adds 2.x's members). */
export type Session = rest.Session;
/** The class of the archives the 2.x methods hand out (`stop()`, `delete()`). */
export const Archive: typeof results.Archive = results.Archive;
/** An archive (the REST result; {@link ArchiveResult} adds `stop()` and `delete()`). */
export type Archive = rest.Archive;
/** The class of the broadcasts the 2.x methods hand out (`stop()`). */
export const Broadcast: typeof results.Broadcast = results.Broadcast;
/** A broadcast (the REST result; {@link BroadcastResult} adds `stop()`). */
export type Broadcast = rest.Broadcast;
/** The class of the renders the 2.x methods hand out. */
export const Render: typeof results.Render = results.Render;
/** A render (the REST result). */
export type Render = rest.Render;
/** The class of the streams `getStream` and `listStreams` hand out. */
export const Stream: typeof results.Stream = results.Stream;
/** A stream (the REST result). */
export type Stream = rest.Stream;
/** The class of the registrations `registerCallback` and `listCallbacks` hand out (`unregister()`). */
export const Callback: typeof results.Callback = results.Callback;
/** A callback the service POSTs, as `parseCallback` reads it (the REST type). */
export type Callback = rest.Callback;

// Type aliases, not re-exports of the classes: only the classes' values exist at run time.
/** An archive as the 2.x methods hand it out: the REST fields, `stop()` and `delete()`. */
export type ArchiveResult = results.Archive;
/** A broadcast as the 2.x methods hand it out: the REST fields, `stop()`. */
export type BroadcastResult = results.Broadcast;
/** A callback registration as the 2.x methods hand it out, with `unregister()`. */
export type CallbackResult = results.Callback;
/** A render as the 2.x methods hand it out. */
export type RenderResult = results.Render;
/** A session as `createSession` hands it out: `sessionId`, the options it was created with, `generateToken()`. */
export type SessionResult = results.Session;
/** A stream as `getStream` and `listStreams` hand it out. */
export type StreamResult = results.Stream;
export { SipInterconnect, type V2Callback, type V2TokenOptions } from './v2-results.js';
