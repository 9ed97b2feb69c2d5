/**
 * The 2.x methods of the archive calls (start, stop, get, delete, list, layout, streams): their
 * arguments, requests and results, as the official 2.23's `lib/archiving.js`.
 * @module
 */
import {
  type AddStreamOptions,
  type ListArchivesOptions,
  RequestError as RestRequestError,
  type StartArchiveOptions,
} from '@opentok/rest';
import type { OpenTokV2 } from './v2.js';
import {
  call,
  checkLayout,
  fieldsOf,
  type Host,
  itemsOf,
  type ListCallback,
  list,
  need,
  pageQuery,
  shift,
  splitLayout,
} from './v2-core.js';
import { COMMON, messageOf, type Said, type Wording } from './v2-messages.js';
import { Archive, type V2Callback } from './v2-results.js';

const ARCHIVES = '/v2/project/{apiKey}/archive';
const ARCHIVE = `${ARCHIVES}/{archiveId}`;

const ARCHIVE_NOT_FOUND = 'Archive not found';
const ARCHIVE_STREAMS: Wording = {
  byStatus: {
    400: ({ body }) => `Invalid request: ${JSON.stringify(body)}`,
    404: 'Archive or stream not found',
    405: 'Unsupported Stream Mode',
  },
};

/** What 2.x says when an archive call fails, by method (`lib/archiving.js`); others have the common words. */
const ARCHIVE_WORDS = {
  startArchive: { byStatus: { 404: 'Session not found' } },
  stopArchive: {
    byStatus: {
      404: ARCHIVE_NOT_FOUND,
      409: ({ body }: Said) => String(messageOf(body) || 'Unknown archive error'),
    },
  },
  getArchive: { byStatus: { 404: ARCHIVE_NOT_FOUND } },
  deleteArchive: { byStatus: { 404: ARCHIVE_NOT_FOUND } },
  addArchiveStream: ARCHIVE_STREAMS,
  removeArchiveStream: ARCHIVE_STREAMS,
} satisfies Record<string, Wording>;

/**
 * The 2.x methods of the archive calls: start, stop, get, delete, list, layout and streams of an archive.
 *
 * Each method declares its promise form first and its full callback form last, with `this`
 * (see `Host` in v2-core.ts): `util.promisify(opentok.startArchive.bind(opentok))` then takes the
 * full argument list and resolves to the result.
 */
export interface ArchiveMethods {
  /** Starts recording a routed session; `callback(error, archive)`. */
  startArchive(sessionId: string, options?: StartArchiveOptions): Promise<Archive>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  startArchive(sessionId: string, callback: V2Callback<Archive>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  startArchive(
    this: Host,
    sessionId: string,
    options: StartArchiveOptions | undefined,
    callback: V2Callback<Archive>,
  ): undefined;

  /** Stops an archive; `callback(error, archive)`. */
  stopArchive(archiveId: string): Promise<Archive>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  stopArchive(this: Host, archiveId: string, callback: V2Callback<Archive>): undefined;

  /** Reads an archive; `callback(error, archive)`. */
  getArchive(archiveId: string): Promise<Archive>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  getArchive(this: Host, archiveId: string, callback: V2Callback<Archive>): undefined;

  /** Deletes an archive's recording; `callback(error)`. */
  deleteArchive(archiveId: string): Promise<void>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  deleteArchive(this: Host, archiveId: string, callback: V2Callback<void>): undefined;

  /** Lists archives (`offset`, `count`, `sessionId`); `callback(error, archives, totalCount)`, or a promise of the archives. */
  listArchives(options?: ListArchivesOptions): Promise<Archive[]>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  listArchives(callback: ListCallback<Archive>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  listArchives(this: Host, options: ListArchivesOptions | undefined, callback: ListCallback<Archive>): undefined;

  /**
   * Sets the layout of a composed archive; `callback(error)`. `stylesheet` (for `custom`) and
   * `screenshareType` (for `bestFit`) may be `null` or left out, as in 2.x.
   */
  setArchiveLayout(
    archiveId: string,
    type: string,
    stylesheet?: string | null,
    screenshareType?: string | null,
  ): Promise<void>;
  /** With a callback and the stylesheet left out, as 2.x allows; returns nothing. */
  setArchiveLayout(archiveId: string, type: string, callback: V2Callback<void>): undefined;
  /** With a callback and a screen-share layout type (`type` must be `bestFit`); returns nothing. */
  setArchiveLayout(
    archiveId: string,
    type: string,
    stylesheet: string | null | undefined,
    screenshareType: string | null | undefined,
    callback: V2Callback<void>,
  ): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  setArchiveLayout(
    this: Host,
    archiveId: string,
    type: string,
    stylesheet: string | null | undefined,
    callback: V2Callback<void>,
  ): undefined;

  /** Adds a stream to an archive in manual stream mode (`hasAudio`, `hasVideo`); `callback(error)`. */
  addArchiveStream(archiveId: string, streamId: string, options?: AddStreamOptions): Promise<void>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  addArchiveStream(archiveId: string, streamId: string, callback: V2Callback<void>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  addArchiveStream(
    this: Host,
    archiveId: string,
    streamId: string,
    options: AddStreamOptions | undefined,
    callback: V2Callback<void>,
  ): undefined;

  /**
   * Removes a stream from an archive in manual stream mode; `callback(error)`. The options
   * argument (`@types/opentok` declares it) may be left out; it changes nothing.
   */
  removeArchiveStream(archiveId: string, streamId: string, options?: AddStreamOptions): Promise<void>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  removeArchiveStream(archiveId: string, streamId: string, callback: V2Callback<void>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  removeArchiveStream(
    this: Host,
    archiveId: string,
    streamId: string,
    options: AddStreamOptions | undefined,
    callback: V2Callback<void>,
  ): undefined;
}

/** The archive of a start answer, or 2.x's error for an answer that is not a started archive. */
function started(answer: unknown): unknown {
  if (fieldsOf(answer).status === 'started') return answer;
  throw new RestRequestError(`Unexpected response from OpenTok: ${JSON.stringify(answer)}`);
}

/** The implementations of {@link ArchiveMethods}, installed on the 2.x class's prototype. */
export const archiveMethods = {
  startArchive(
    this: OpenTokV2,
    sessionId: string,
    options?: StartArchiveOptions | V2Callback<Archive>,
    callback?: V2Callback<Archive>,
  ): Promise<Archive> | undefined {
    const [given, done] = shift<StartArchiveOptions, V2Callback<Archive>>(options, callback);
    return call(this, done as unknown, ARCHIVE_WORDS.startArchive, async (request) => {
      need(sessionId, 'sessionId', 'No session ID given');
      const json = { sessionId, ...given };
      const answer = await request({ method: 'POST', path: ARCHIVES, json });
      return new Archive(this, started(answer) as never);
    });
  },

  stopArchive(this: OpenTokV2, archiveId: string, callback?: V2Callback<Archive>): Promise<Archive> | undefined {
    return call(this, callback as unknown, ARCHIVE_WORDS.stopArchive, async (request) => {
      need(archiveId, 'archiveId', 'No archive ID given');
      const answer = await request({ method: 'POST', path: `${ARCHIVE}/stop`, params: { archiveId }, json: {} });
      return new Archive(this, fieldsOf(answer) as never);
    });
  },

  getArchive(this: OpenTokV2, archiveId: string, callback?: V2Callback<Archive>): Promise<Archive> | undefined {
    return call(this, callback as unknown, ARCHIVE_WORDS.getArchive, async (request) => {
      need(archiveId, 'archiveId', 'No archive ID given');
      const answer = await request({ method: 'GET', path: ARCHIVE, params: { archiveId } });
      return new Archive(this, fieldsOf(answer) as never);
    });
  },

  deleteArchive(this: OpenTokV2, archiveId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return call(this, callback as unknown, ARCHIVE_WORDS.deleteArchive, async (request) => {
      need(archiveId, 'archiveId', 'No archive ID given');
      await request({ method: 'DELETE', path: ARCHIVE, params: { archiveId } });
    });
  },

  listArchives(
    this: OpenTokV2,
    options?: ListArchivesOptions | ListCallback<Archive>,
    callback?: ListCallback<Archive>,
  ): Promise<Archive[]> | undefined {
    const [given, done] = shift<ListArchivesOptions, ListCallback<Archive>>(options, callback);
    return list(this, done as unknown, COMMON, async (request) => {
      const answer = await request({ method: 'GET', path: ARCHIVES, query: pageQuery(given) });
      const count = Number(fieldsOf(answer).count) || 0;
      return { count, items: itemsOf(answer).map((item) => new Archive(this, item as never)) };
    });
  },

  setArchiveLayout(this: OpenTokV2, archiveId: string, ...layout: unknown[]): Promise<void> | undefined {
    const [type, stylesheet, screenshareType, done] = splitLayout(layout);
    return call(this, done as unknown, COMMON, async (request) => {
      checkLayout(archiveId, 'Invalid arguments -- must provide an archiveId string.', [
        type,
        stylesheet,
        screenshareType,
      ]);
      const json = { type, stylesheet, screenshareType };
      await request({ method: 'PUT', path: `${ARCHIVE}/layout`, params: { archiveId }, json });
    });
  },

  addArchiveStream(
    this: OpenTokV2,
    archiveId: string,
    streamId: string,
    options?: AddStreamOptions | V2Callback<void>,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    const [given, done] = shift<AddStreamOptions, V2Callback<void>>(options, callback);
    return call(this, done as unknown, ARCHIVE_WORDS.addArchiveStream, async (request) => {
      need(archiveId, 'archiveId', 'No Archive ID given');
      // 2.x: each flag as given (made boolean), `true` when left out.
      const flags = given ?? {};
      const json = {
        hasAudio: Object.hasOwn(flags, 'hasAudio') ? Boolean(flags.hasAudio) : true,
        hasVideo: Object.hasOwn(flags, 'hasVideo') ? Boolean(flags.hasVideo) : true,
        addStream: streamId,
      };
      await request({ method: 'PATCH', path: `${ARCHIVE}/streams`, params: { archiveId }, json });
    });
  },

  removeArchiveStream(
    this: OpenTokV2,
    archiveId: string,
    streamId: string,
    options?: AddStreamOptions | V2Callback<void>,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    // 2.23 takes (archiveId, streamId, callback); @types/opentok declares an options argument
    // before the callback: both are accepted, and the options change nothing.
    const [, done] = shift<AddStreamOptions, V2Callback<void>>(options, callback);
    return call(this, done as unknown, ARCHIVE_WORDS.removeArchiveStream, async (request) => {
      need(archiveId, 'archiveId', 'No Archive ID given');
      const json = { removeStream: streamId };
      await request({ method: 'PATCH', path: `${ARCHIVE}/streams`, params: { archiveId }, json });
    });
  },
};
