/**
 * The archive objects of the original `opentok` 1.0 module: what `getArchiveManifest` hands
 * to its handler.
 * @module
 */
import type { ArchiveManifest } from '@opentok/rest';
import { type ResultHandler, settleByArity } from './settle.js';

/** One event of an archive's timeline, as the 1.0 manifest lists it (`type` is `PLAY` in every sample). */
export type OpenTokArchiveTimelineEvent = ArchiveManifest['timeline'][number];

/** Fetches a download URL; bound by the facade to its credentials and the manifest's token. */
export type ArchiveUrlLookup = (archiveId: string, videoId: string) => Promise<string>;

/**
 * One video of a 1.0 archive.
 * @example
 * const videoId = tbarchive.resources[0].getId()
 */
export class OpenTokArchiveVideoResource {
  /** The video ID (the 1.0 property name). */
  readonly vid: string;
  /** The video's length as the manifest gives it (milliseconds, judging by recorded values). */
  readonly length: number;
  /** The stream name, often empty. */
  readonly name: string;

  constructor(vid: string, length: number, name: string) {
    this.vid = vid;
    this.length = length;
    this.name = name;
  }

  /** The video ID, to pass to {@link OpenTokArchive.downloadArchiveURL}. */
  getId(): string {
    return this.vid;
  }
}

/**
 * A 1.0 archive: its title, video resources and timeline, and a way to get each video's
 * download URL. The token it was read with stays private (it never shows in `util.inspect`
 * or `JSON.stringify`).
 * @example
 * opentok.getArchiveManifest(archiveId, moderatorToken, (tbarchive) => {
 *   tbarchive.downloadArchiveURL(tbarchive.resources[0].getId(), (url) => console.log(url))
 * })
 */
export class OpenTokArchive {
  /** The archive ID. */
  readonly archiveId: string;
  /** The title given when the archive was recorded. */
  readonly title: string;
  /** The videos, in manifest order. */
  readonly resources: OpenTokArchiveVideoResource[];
  /** The timeline events, in manifest order. */
  readonly timeline: OpenTokArchiveTimelineEvent[];

  readonly #lookup: ArchiveUrlLookup;

  constructor(manifest: ArchiveManifest, lookup: ArchiveUrlLookup) {
    this.archiveId = manifest.archiveId;
    this.title = manifest.title;
    this.resources = manifest.resources.map(
      (video) => new OpenTokArchiveVideoResource(video.id, video.length, video.name),
    );
    this.timeline = [...manifest.timeline];
    this.#lookup = lookup;
  }

  /**
   * Gets the download URL of one video and calls `handler(url)`. A handler that declares two
   * parameters gets `(error, url)` instead. A one-parameter handler is never called with an
   * error: the call then returns a promise that rejects with it (see the package README,
   * "Failures and one-argument handlers"). Without a handler, returns a promise of the URL.
   * @example
   * tbarchive.downloadArchiveURL(videoId, (url) => console.log(url))
   * const url = await tbarchive.downloadArchiveURL(videoId)
   */
  downloadArchiveURL(videoId: string): Promise<string>;
  downloadArchiveURL(videoId: string, handler: (url: string) => void): Promise<string>;
  downloadArchiveURL(videoId: string, handler: (error: Error | null, url?: string) => void): undefined;
  downloadArchiveURL(videoId: string, handler?: ResultHandler<string>): Promise<string> | undefined {
    return settleByArity(() => this.#lookup(this.archiveId, videoId), handler);
  }
}
