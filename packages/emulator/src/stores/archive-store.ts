/**
 * Archives (docs/protocol.md §6.2): the shared recording lifecycle, then `stopped` →
 * `available` after the processing time (`uploaded` instead for a project with an upload
 * target), and `deleted`; `failed` when the control API says the recording failed. Streams
 * enter an archive as videos (the legacy manifest's resources).
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { ArchiveLayout, ArchiveRecord, SessionRecord, UploadTarget, VideoRecord } from '../model.js';
import { EmulatorProblem } from '../problem.js';
import { isRecording, RecordingStore } from './recording.js';
import type { SessionStore } from './session-store.js';

/** Timings of the archive lifecycle, in milliseconds. */
export interface ArchiveTimings {
  /** From `stopped` to `available`. @default 200 */
  processingMs: number;
  /** How long an archive stays `paused` after everyone left before it stops. @default 60000 */
  pausedTimeoutMs: number;
}

/** Options of a new archive, already validated (see `archive-options.ts`). */
export type ArchiveStartOptions = Pick<
  ArchiveRecord,
  | 'name'
  | 'hasAudio'
  | 'hasVideo'
  | 'outputMode'
  | 'resolution'
  | 'streamMode'
  | 'layout'
  | 'multiArchiveTag'
  | 'maxBitrate'
  | 'quantizationParameter'
>;

// The service deletes uploaded archives too (docs/protocol.md §6.2, delete).
const DELETABLE = new Set(['available', 'uploaded', 'deleted']);

/** Statuses from which an archive can still fail: recording, or processing after the stop. */
const FAILABLE = new Set(['started', 'paused', 'stopped']);

/** The `reason` of a failed archive when the control API gives none. */
export const DEFAULT_FAILURE_REASON = 'system failure';

/** Errors with the bodies the service sent (docs/protocol.md §6.2). */
const archiveNotFound = () => new EmulatorProblem(404, 'Not found. You passed in an invalid archive ID.', { code: -1 });
/** The service's answer when nobody is connected to the session. */
export const noClients = () =>
  new EmulatorProblem(404, 'Not found. No clients are actively connected to the OpenTok session.');

/** The archives of one emulator. */
export class ArchiveStore extends RecordingStore<ArchiveRecord> {
  constructor(
    private readonly sessions: SessionStore,
    private readonly timings: ArchiveTimings,
    now: () => number,
    /** The upload target of a project, if it has one. */
    private readonly uploadTargetOf: (apiKey: string) => UploadTarget | undefined = () => undefined,
  ) {
    super(now, () => timings.pausedTimeoutMs);
    sessions.listen(this);
  }

  protected onStop(archive: ArchiveRecord, at: number, reason: string): void {
    archive.reason = reason;
    for (const video of archive.videos) video.endedAt ??= at;
  }

  protected override settleMore(archive: ArchiveRecord, now: number): void {
    if (archive.status === 'stopped' && archive.stoppedAt !== undefined) {
      const availableAt = archive.stoppedAt + this.timings.processingMs;
      if (now >= availableAt) {
        // With an upload target the file goes to the project's storage, not to a download URL.
        archive.status = this.uploadTargetOf(archive.apiKey) === undefined ? 'available' : 'uploaded';
        archive.updatedAt = availableAt;
      }
    }
  }

  /** Starts recording a session (the checks of `POST /v2/project/{k}/archive`). */
  start(session: SessionRecord, options: ArchiveStartOptions): ArchiveRecord {
    if (session.connections.size === 0) throw noClients();
    if (session.mediaMode !== 'routed') {
      throw new EmulatorProblem(
        409,
        'Conflict. Archiving needs a session that uses the OpenTok Media Router (media mode routed).',
      );
    }
    if (this.recordingOf(session.id).some((archive) => archive.multiArchiveTag === options.multiArchiveTag)) {
      throw new EmulatorProblem(409, 'A recording of the session is is already in progress.');
    }
    const now = this.now();
    const archive: ArchiveRecord = {
      id: randomUUID(),
      apiKey: session.apiKey,
      sessionId: session.id,
      status: 'started',
      reason: '',
      createdAt: now,
      updatedAt: now,
      pausedAt: undefined,
      stoppedAt: undefined,
      manualStreams: new Map(),
      videos: [],
      ...options,
    };
    if (archive.streamMode === 'auto') for (const streamId of session.streams.keys()) this.addVideo(archive, streamId);
    this.records.set(archive.id, archive);
    return archive;
  }

  /** Any archive by ID, settled (the media downloads). */
  find(archiveId: string): ArchiveRecord | undefined {
    const archive = this.records.get(archiveId);
    return archive && this.settle(archive);
  }

  /** The archive of this project, settled to the current time, or a 404. */
  get(apiKey: string, archiveId: string): ArchiveRecord {
    const archive = this.records.get(archiveId);
    if (!archive || archive.apiKey !== apiKey) throw archiveNotFound();
    return this.settle(archive);
  }

  /** Stops a recording archive. */
  stopArchive(apiKey: string, archiveId: string): ArchiveRecord {
    const archive = this.get(apiKey, archiveId);
    if (!isRecording(archive)) {
      throw new EmulatorProblem(409, 'Conflict. You are trying to stop an archive that is not recording.');
    }
    return this.stop(archive, this.now(), 'user initiated');
  }

  /**
   * Makes an archive fail (control API): a recording one stops at once, a stopped one fails
   * instead of finishing its processing. Either way it reads `failed` with `reason`, and has no
   * download.
   * @throws {EmulatorProblem} 404 for an unknown archive; 409 for one that has already ended
   * (`available`, `uploaded`, `failed` or `deleted`).
   */
  fail(archiveId: string, reason: string): ArchiveRecord {
    const archive = this.find(archiveId);
    if (!archive) throw archiveNotFound();
    if (!FAILABLE.has(archive.status)) {
      throw new EmulatorProblem(
        409,
        `Conflict. Only a started, paused or stopped archive can fail; this one is "${archive.status}".`,
      );
    }
    const now = this.now();
    if (isRecording(archive)) this.stop(archive, now, reason);
    archive.status = 'failed';
    archive.reason = reason;
    archive.updatedAt = now;
    return archive;
  }

  /** Archives of a project, newest first, optionally of one session; deleted ones left out. */
  list(apiKey: string, sessionId: string | undefined): ArchiveRecord[] {
    const result = this.all().filter(
      (archive) =>
        archive.apiKey === apiKey &&
        (sessionId === undefined || archive.sessionId === sessionId) &&
        archive.status !== 'deleted',
    );
    // Newest first; archives created in the same millisecond keep the later one first.
    return result.reverse().sort((first, second) => second.createdAt - first.createdAt);
  }

  /** Deletes an archive: it stays readable with status `deleted` and leaves the list. */
  delete(apiKey: string, archiveId: string): void {
    const archive = this.get(apiKey, archiveId);
    if (!DELETABLE.has(archive.status)) {
      throw new EmulatorProblem(
        409,
        `Conflict. Only an archive with status "available" or "uploaded" can be deleted; this one is "${archive.status}".`,
      );
    }
    archive.status = 'deleted';
    archive.updatedAt = this.now();
  }

  /** Adds or removes a stream of an archive in `manual` stream mode. */
  patchStreams(
    apiKey: string,
    archiveId: string,
    change: { add: string; hasAudio: boolean; hasVideo: boolean } | { remove: string },
  ): void {
    const archive = this.get(apiKey, archiveId);
    if (archive.streamMode !== 'manual') throw new EmulatorProblem(405, 'The archive is not in manual stream mode.');
    if (!isRecording(archive)) throw new EmulatorProblem(409, 'Conflict. The archive is not recording.');
    const session = this.sessions.find(archive.sessionId);
    if ('add' in change) {
      if (!session?.streams.has(change.add)) throw new EmulatorProblem(404, 'Stream not found');
      archive.manualStreams.set(change.add, { hasAudio: change.hasAudio, hasVideo: change.hasVideo });
      if (!archive.videos.some((video) => video.streamId === change.add && video.endedAt === undefined)) {
        this.addVideo(archive, change.add);
      }
    } else {
      if (!archive.manualStreams.delete(change.remove)) throw new EmulatorProblem(404, 'Stream not found');
      this.endVideo(archive, change.remove, this.now());
    }
    archive.updatedAt = this.now();
  }

  /** Changes the layout of a composed archive. */
  setLayout(apiKey: string, archiveId: string, layout: ArchiveLayout): void {
    const archive = this.get(apiKey, archiveId);
    if (archive.outputMode !== 'composed') throw new EmulatorProblem(400, 'Only composed archives have a layout.');
    archive.layout = layout;
    archive.updatedAt = this.now();
  }

  override published(sessionId: string, streamId: string): void {
    const recording = this.recordingOf(sessionId);
    for (const archive of recording) if (archive.streamMode === 'auto') this.addVideo(archive, streamId);
    const session = this.sessions.find(sessionId);
    // archiveMode "always": the first published stream starts the recording.
    if (session?.archiveMode === 'always' && recording.length === 0) {
      this.start(session, {
        name: session.archiveName ?? null,
        hasAudio: true,
        hasVideo: true,
        outputMode: 'composed',
        resolution: session.archiveResolution ?? '640x480',
        streamMode: 'auto',
        layout: { type: 'bestFit' },
        multiArchiveTag: undefined,
        maxBitrate: undefined,
        quantizationParameter: undefined,
      });
    }
  }

  override unpublished(sessionId: string, streamId: string): void {
    const now = this.now();
    for (const archive of this.recordingOf(sessionId)) this.endVideo(archive, streamId, now);
  }

  private addVideo(archive: ArchiveRecord, streamId: string): void {
    const video: VideoRecord = {
      id: randomUUID(),
      streamId,
      offset: this.now() - archive.createdAt,
      endedAt: undefined,
    };
    archive.videos.push(video);
  }

  private endVideo(archive: ArchiveRecord, streamId: string, at: number): void {
    for (const video of archive.videos) if (video.streamId === streamId) video.endedAt ??= at;
  }
}

/** Length of a video in ms: from when it entered the archive to when it left or the archive stopped. */
export function videoLength(archive: ArchiveRecord, video: VideoRecord, now: number): number {
  const end = video.endedAt ?? archive.stoppedAt ?? now;
  return Math.max(0, end - (archive.createdAt + video.offset));
}

/** Archive duration in whole seconds (0 while recording). */
export function archiveDuration(archive: ArchiveRecord): number {
  return archive.stoppedAt === undefined ? 0 : Math.round((archive.stoppedAt - archive.createdAt) / 1000);
}
