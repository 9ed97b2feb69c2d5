/**
 * The 2.x methods of the archive calls: start, stop, get, delete, list, layout and streams of an archive: their arguments, requests, messages and results.
 * @module
 */
import type { AddStreamOptions, ListArchivesOptions, StartArchiveOptions } from '@opentok/rest';
import type { OpenTokV2 } from './v2.js';
import {
  call,
  defined,
  type LayoutArguments,
  type ListCallback,
  list,
  need,
  pageOptions,
  shift,
  splitLayout,
} from './v2-core.js';
import type { Wording } from './v2-messages.js';
import { Archive, type V2Callback } from './v2-results.js';

const PATCH_WORDS: Wording = {
  byStatus: { 400: 'Invalid request', 404: 'Archive or stream not found', 405: 'Unsupported Stream Mode' },
};

/** The 2.x methods of the archive calls: start, stop, get, delete, list, layout and streams of an archive. */
export interface ArchiveMethods {
  /** Starts recording a routed session; `callback(error, archive)`. */
  startArchive(sessionId: string, options?: StartArchiveOptions): Promise<Archive>;
  startArchive(sessionId: string, callback: V2Callback<Archive>): undefined;
  startArchive(sessionId: string, options: StartArchiveOptions | undefined, callback: V2Callback<Archive>): undefined;

  /** Stops an archive; `callback(error, archive)`. */
  stopArchive(archiveId: string, callback: V2Callback<Archive>): undefined;
  stopArchive(archiveId: string): Promise<Archive>;

  /** Reads an archive; `callback(error, archive)`. */
  getArchive(archiveId: string, callback: V2Callback<Archive>): undefined;
  getArchive(archiveId: string): Promise<Archive>;

  /** Deletes an archive's recording; `callback(error)`. */
  deleteArchive(archiveId: string, callback: V2Callback<void>): undefined;
  deleteArchive(archiveId: string): Promise<void>;

  /** Lists archives (`offset`, `count`, `sessionId`); `callback(error, archives, totalCount)`, or a promise of the archives. */
  listArchives(options?: ListArchivesOptions): Promise<Archive[]>;
  listArchives(callback: ListCallback<Archive>): undefined;
  listArchives(options: ListArchivesOptions | undefined, callback: ListCallback<Archive>): undefined;

  /** Sets the layout of a composed archive; `callback(error)`. */
  setArchiveLayout(archiveId: string, ...layout: [...LayoutArguments, V2Callback<void>?]): Promise<void> | undefined;

  /** Adds a stream to an archive in manual stream mode; `callback(error)`. */
  addArchiveStream(archiveId: string, streamId: string, options?: AddStreamOptions): Promise<void>;
  addArchiveStream(archiveId: string, streamId: string, callback: V2Callback<void>): undefined;
  addArchiveStream(
    archiveId: string,
    streamId: string,
    options: AddStreamOptions | undefined,
    callback: V2Callback<void>,
  ): undefined;

  /** Removes a stream from an archive in manual stream mode; `callback(error)`. */
  removeArchiveStream(archiveId: string, streamId: string, callback: V2Callback<void>): undefined;
  removeArchiveStream(archiveId: string, streamId: string): Promise<void>;
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
    const wording = {
      byStatus: {
        404: 'Session not found',
        409: 'Recording already in progress or session not using OpenTok Media Router',
      },
    };
    return call(this, done as unknown, wording, async (client) => {
      need(sessionId, 'sessionId', 'No session ID given');
      return new Archive(this, await client.archives.start(sessionId, given));
    });
  },

  stopArchive(this: OpenTokV2, archiveId: string, callback?: V2Callback<Archive>): Promise<Archive> | undefined {
    return call(this, callback as unknown, { byStatus: { 404: 'Archive not found' } }, async (client) => {
      need(archiveId, 'archiveId', 'No archive ID given');
      return new Archive(this, await client.archives.stop(archiveId));
    });
  },

  getArchive(this: OpenTokV2, archiveId: string, callback?: V2Callback<Archive>): Promise<Archive> | undefined {
    return call(this, callback as unknown, { byStatus: { 404: 'Archive not found' } }, async (client) => {
      need(archiveId, 'archiveId', 'No archive ID given');
      return new Archive(this, await client.archives.get(archiveId));
    });
  },

  deleteArchive(this: OpenTokV2, archiveId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return call(this, callback as unknown, { byStatus: { 404: 'Archive not found' } }, async (client) => {
      need(archiveId, 'archiveId', 'No archive ID given');
      await client.archives.delete(archiveId);
    });
  },

  listArchives(
    this: OpenTokV2,
    options?: ListArchivesOptions | ListCallback<Archive>,
    callback?: ListCallback<Archive>,
  ): Promise<Archive[]> | undefined {
    const [given, done] = shift<ListArchivesOptions, ListCallback<Archive>>(options, callback);
    return list(this, done as unknown, {}, async (client) => {
      const page = await client.archives.list(pageOptions(given));
      return { count: page.count, items: page.items.map((item) => new Archive(this, item)) };
    });
  },

  setArchiveLayout(
    this: OpenTokV2,
    archiveId: string,
    ...layout: [...LayoutArguments, V2Callback<void>?]
  ): Promise<void> | undefined {
    const [type, stylesheet, screenshareType, done] = splitLayout(layout);
    return call(this, done as unknown, {}, async (client) => {
      need(archiveId, 'archiveId', 'Invalid arguments -- must provide an archiveId string.');
      await client.archives.setLayout(archiveId, defined({ type, stylesheet, screenshareType }) as never);
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
    return call(this, done as unknown, PATCH_WORDS, async (client) => {
      need(archiveId, 'archiveId', 'No Archive ID given');
      await client.archives.addStream(archiveId, streamId, {
        hasAudio: given?.hasAudio ?? true,
        hasVideo: given?.hasVideo ?? true,
      });
    });
  },

  removeArchiveStream(
    this: OpenTokV2,
    archiveId: string,
    streamId: string,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, PATCH_WORDS, async (client) => {
      need(archiveId, 'archiveId', 'No Archive ID given');
      await client.archives.removeStream(archiveId, streamId);
    });
  },
};
