/**
 * The emulator's state and its rules: sessions, connections, streams and the archive
 * lifecycle (docs/protocol.md §6.2). Every method is synchronous, so concurrent requests, which
 * Node runs one handler step at a time, can never interleave inside a state change.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { encodeSessionId } from '@opentok/token';
import type {
  ArchiveLayout,
  ArchiveRecord,
  ConnectionRecord,
  EmulatorProject,
  FaultRecord,
  SessionRecord,
  VideoRecord,
} from './model.js';
import { EmulatorProblem } from './problem.js';
import {
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_MAX_REST_TOKEN_LIFETIME_SECONDS,
  type TokenRules,
} from './token-rules.js';

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

/** Options of a new session, already validated. */
export interface SessionCreateOptions {
  mediaMode: 'routed' | 'relayed';
  archiveMode: 'manual' | 'always';
  e2ee: boolean;
  location: string | undefined;
  archiveName: string | undefined;
  archiveResolution: string | undefined;
}

const RECORDING = new Set(['started', 'paused']);
const DELETABLE = new Set(['available', 'deleted']);

/** Errors with the bodies the service sent (docs/protocol.md §6.2). */
const archiveNotFound = () => new EmulatorProblem(404, 'Not found. You passed in an invalid archive ID.', { code: -1 });
const noClients = () =>
  new EmulatorProblem(404, 'Not found. No clients are actively connected to the OpenTok session.');

/** All the state of one emulator. */
export class EmulatorState {
  readonly projects = new Map<string, EmulatorProject>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly archives = new Map<string, ArchiveRecord>();
  faults: FaultRecord[] = [];
  /**
   * The origin download URLs are built on (`http://127.0.0.1:4010`): the address the emulator
   * listens on, or its `publicUrl`; never a request's `Host` header.
   */
  origin = 'http://127.0.0.1';

  constructor(
    projects: EmulatorProject[],
    readonly timings: ArchiveTimings,
    readonly now: () => number = Date.now,
    readonly tokenRules: TokenRules = {
      clockTolerance: DEFAULT_CLOCK_TOLERANCE_SECONDS,
      maxRestTokenLifetime: DEFAULT_MAX_REST_TOKEN_LIFETIME_SECONDS,
    },
  ) {
    for (const project of projects) this.projects.set(project.apiKey, project);
  }

  /** Creates a session with an ID in today's format (docs/protocol.md §1.5). */
  createSession(apiKey: string, options: SessionCreateOptions): SessionRecord {
    const createdAt = this.now();
    const id = encodeSessionId({
      apiKey,
      location: options.location,
      createTime: createdAt,
      mediaMode: options.mediaMode,
    });
    const session: SessionRecord = { id, apiKey, createdAt, ...options, connections: new Map(), streams: new Map() };
    this.sessions.set(id, session);
    return session;
  }

  /** The session, or a 404. */
  session(sessionId: string): SessionRecord {
    const session = this.sessions.get(sessionId);
    if (!session) throw new EmulatorProblem(404, 'Session not found');
    return session;
  }

  /** Adds a client (already authenticated) to a session; publishing also creates a stream. */
  connect(session: SessionRecord, role: string, data: string | undefined, publish: boolean): ConnectionRecord {
    const now = this.now();
    const connection: ConnectionRecord = {
      id: randomUUID(),
      sessionId: session.id,
      role,
      data,
      createdAt: now,
      streamId: undefined,
    };
    session.connections.set(connection.id, connection);
    this.settleSession(session.id);
    for (const archive of this.recordingArchives(session.id)) {
      if (archive.status === 'paused') {
        archive.status = 'started';
        archive.pausedAt = undefined;
        archive.updatedAt = now;
      }
    }
    if (publish) this.publish(session, connection);
    return connection;
  }

  private publish(session: SessionRecord, connection: ConnectionRecord): void {
    const now = this.now();
    const stream = { id: randomUUID(), connectionId: connection.id, sessionId: session.id, createdAt: now };
    session.streams.set(stream.id, stream);
    connection.streamId = stream.id;
    const recording = this.recordingArchives(session.id);
    for (const archive of recording) {
      if (archive.streamMode === 'auto') this.addVideo(archive, stream.id);
    }
    // archiveMode "always": the first published stream starts the recording.
    if (session.archiveMode === 'always' && recording.length === 0) {
      this.startArchive(session, {
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

  /** Removes a client; its stream ends; when nobody is left, recordings pause. */
  disconnect(session: SessionRecord, connectionId: string): void {
    const connection = session.connections.get(connectionId);
    if (!connection) throw new EmulatorProblem(404, 'Connection not found');
    const now = this.now();
    session.connections.delete(connectionId);
    if (connection.streamId) {
      session.streams.delete(connection.streamId);
      for (const archive of this.recordingArchives(session.id)) this.endVideo(archive, connection.streamId, now);
    }
    if (session.connections.size === 0) {
      for (const archive of this.recordingArchives(session.id)) {
        archive.status = 'paused';
        archive.pausedAt = now;
        archive.updatedAt = now;
      }
    }
  }

  /** Starts recording a session (the checks of `POST /v2/project/{k}/archive`). */
  startArchive(session: SessionRecord, options: ArchiveStartOptions): ArchiveRecord {
    if (session.connections.size === 0) throw noClients();
    if (session.mediaMode !== 'routed') {
      throw new EmulatorProblem(
        409,
        'Conflict. Archiving needs a session that uses the OpenTok Media Router (media mode routed).',
      );
    }
    if (this.recordingArchives(session.id).some((archive) => archive.multiArchiveTag === options.multiArchiveTag)) {
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
    this.archives.set(archive.id, archive);
    return archive;
  }

  /** The archive of this project, settled to the current time, or a 404. */
  archive(apiKey: string, archiveId: string): ArchiveRecord {
    const archive = this.archives.get(archiveId);
    if (!archive || archive.apiKey !== apiKey) throw archiveNotFound();
    return this.settle(archive);
  }

  /** Stops a recording archive. */
  stopArchive(apiKey: string, archiveId: string, reason = 'user initiated'): ArchiveRecord {
    const archive = this.archive(apiKey, archiveId);
    if (!RECORDING.has(archive.status)) {
      throw new EmulatorProblem(409, 'Conflict. You are trying to stop an archive that is not recording.');
    }
    return this.stop(archive, this.now(), reason);
  }

  /** Archives of a project, newest first, optionally of one session. */
  listArchives(apiKey: string, sessionId: string | undefined): ArchiveRecord[] {
    const result: ArchiveRecord[] = [];
    for (const archive of this.archives.values()) {
      if (archive.apiKey !== apiKey || (sessionId !== undefined && archive.sessionId !== sessionId)) continue;
      if (this.settle(archive).status !== 'deleted') result.push(archive);
    }
    // Newest first; archives created in the same millisecond keep the later one first.
    return result.reverse().sort((first, second) => second.createdAt - first.createdAt);
  }

  /** Deletes an archive: it stays readable with status `deleted` and leaves the list. */
  deleteArchive(apiKey: string, archiveId: string): void {
    const archive = this.archive(apiKey, archiveId);
    if (!DELETABLE.has(archive.status)) {
      throw new EmulatorProblem(
        409,
        `Conflict. Only an archive with status "available" can be deleted; this one is "${archive.status}".`,
      );
    }
    archive.status = 'deleted';
    archive.updatedAt = this.now();
  }

  /** Adds or removes a stream of an archive in `manual` stream mode. */
  patchArchiveStreams(
    apiKey: string,
    archiveId: string,
    change: { add: string; hasAudio: boolean; hasVideo: boolean } | { remove: string },
  ): void {
    const archive = this.archive(apiKey, archiveId);
    if (archive.streamMode !== 'manual') throw new EmulatorProblem(405, 'The archive is not in manual stream mode.');
    if (!RECORDING.has(archive.status)) throw new EmulatorProblem(409, 'Conflict. The archive is not recording.');
    const session = this.sessions.get(archive.sessionId);
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
  setArchiveLayout(apiKey: string, archiveId: string, layout: ArchiveLayout): void {
    const archive = this.archive(apiKey, archiveId);
    if (archive.outputMode !== 'composed') throw new EmulatorProblem(400, 'Only composed archives have a layout.');
    archive.layout = layout;
    archive.updatedAt = this.now();
  }

  /** Applies what time alone changes: paused → stopped, stopped → available. */
  settle(archive: ArchiveRecord): ArchiveRecord {
    const now = this.now();
    if (archive.status === 'paused' && archive.pausedAt !== undefined) {
      const stopAt = archive.pausedAt + this.timings.pausedTimeoutMs;
      if (now >= stopAt) this.stop(archive, stopAt, 'session ended');
    }
    if (archive.status === 'stopped' && archive.stoppedAt !== undefined) {
      const availableAt = archive.stoppedAt + this.timings.processingMs;
      if (now >= availableAt) {
        archive.status = 'available';
        archive.updatedAt = availableAt;
      }
    }
    return archive;
  }

  private settleSession(sessionId: string): void {
    for (const archive of this.archives.values()) if (archive.sessionId === sessionId) this.settle(archive);
  }

  private stop(archive: ArchiveRecord, at: number, reason: string): ArchiveRecord {
    archive.status = 'stopped';
    archive.reason = reason;
    archive.stoppedAt = at;
    archive.updatedAt = at;
    archive.pausedAt = undefined;
    for (const video of archive.videos) video.endedAt ??= at;
    return archive;
  }

  /** Archives of a session that are recording (started or paused), after settling. */
  recordingArchives(sessionId: string): ArchiveRecord[] {
    const result: ArchiveRecord[] = [];
    for (const archive of this.archives.values()) {
      if (archive.sessionId === sessionId && RECORDING.has(this.settle(archive).status)) result.push(archive);
    }
    return result;
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
