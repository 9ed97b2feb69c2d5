/**
 * Broadcasts (docs/protocol.md §6.3): the shared recording lifecycle (a broadcast pauses
 * when everyone leaves and stops after the paused timeout, or at its `maxDuration`), one
 * broadcast per session and `multiBroadcastTag`, at most one HLS output and five RTMP targets
 * per session, HLS and RTMP statuses that move from `connecting` to `live` with time.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { ArchiveLayout, BroadcastRecord, SessionRecord } from '../model.js';
import { EmulatorProblem } from '../problem.js';
import { noClients } from './archive-store.js';
import { isRecording, RecordingStore } from './recording.js';
import type { SessionStore } from './session-store.js';

/** Options of a new broadcast, already validated. */
export type BroadcastStartOptions = Pick<
  BroadcastRecord,
  | 'maxDuration'
  | 'maxBitrate'
  | 'resolution'
  | 'hasAudio'
  | 'hasVideo'
  | 'streamMode'
  | 'layout'
  | 'multiBroadcastTag'
  | 'hls'
  | 'rtmp'
>;

/** Most RTMP targets of one session. */
export const RTMP_LIMIT = 5;

/** Timings of the broadcast lifecycle, in milliseconds. */
export interface BroadcastTimings {
  /** From start to `live` (HLS passes `ready` half way). @default 1500 */
  liveMs: number;
  /** How long a broadcast stays up after everyone left before it stops. @default 60000 */
  pausedTimeoutMs: number;
}

const notFound = () => new EmulatorProblem(404, 'Broadcast not found', { code: -1 });

/** HLS status of a broadcast: `connecting` → `ready` → `live`; `ended` while nobody is connected. */
export function hlsStatus(broadcast: BroadcastRecord, now: number, timings: BroadcastTimings): string {
  if (broadcast.status === 'paused') return 'ended';
  const elapsed = now - broadcast.createdAt;
  if (elapsed >= timings.liveMs) return 'live';
  return elapsed >= timings.liveMs / 2 ? 'ready' : 'connecting';
}

/** RTMP status of each target: `connecting` → `live`; `offline` while nobody is connected. */
export function rtmpStatus(broadcast: BroadcastRecord, now: number, timings: BroadcastTimings): string {
  if (broadcast.status === 'paused') return 'offline';
  return now - broadcast.createdAt >= timings.liveMs ? 'live' : 'connecting';
}

/** The last time a status changed by itself (for `updatedAt`). */
export function lastTransition(broadcast: BroadcastRecord, now: number, timings: BroadcastTimings): number {
  if (broadcast.status !== 'started') return broadcast.updatedAt;
  const passed = [broadcast.createdAt + timings.liveMs / 2, broadcast.createdAt + timings.liveMs].filter(
    (at) => at <= now,
  );
  return Math.max(broadcast.updatedAt, ...passed.map(Math.floor));
}

/** The broadcasts of one emulator. */
export class BroadcastStore extends RecordingStore<BroadcastRecord> {
  constructor(
    private readonly sessions: SessionStore,
    readonly timings: BroadcastTimings,
    now: () => number,
  ) {
    super(now, () => timings.pausedTimeoutMs);
    sessions.listen(this);
  }

  protected onStop(): void {}

  /** Starts a broadcast of a session (the checks of `POST /v2/project/{k}/broadcast`). */
  start(session: SessionRecord, options: BroadcastStartOptions): BroadcastRecord {
    if (session.connections.size === 0) throw noClients();
    if (session.mediaMode !== 'routed') {
      throw new EmulatorProblem(409, 'Conflict. Broadcasting needs a routed session (media mode routed).');
    }
    const running = this.recordingOf(session.id);
    if (running.some((broadcast) => broadcast.multiBroadcastTag === options.multiBroadcastTag)) {
      throw new EmulatorProblem(409, 'Session is already composed for given tag');
    }
    if (options.hls && running.some((broadcast) => broadcast.hls)) {
      throw new EmulatorProblem(400, 'A session has at most one HLS broadcast at a time.');
    }
    const targets = running.reduce((sum, broadcast) => sum + broadcast.rtmp.length, options.rtmp.length);
    if (targets > RTMP_LIMIT) {
      throw new EmulatorProblem(400, `A session has at most ${RTMP_LIMIT} RTMP targets at a time.`);
    }
    const now = this.now();
    const broadcast: BroadcastRecord = {
      id: randomUUID(),
      apiKey: session.apiKey,
      sessionId: session.id,
      status: 'started',
      createdAt: now,
      updatedAt: now,
      pausedAt: undefined,
      stoppedAt: undefined,
      manualStreams: new Map(),
      ...options,
    };
    this.records.set(broadcast.id, broadcast);
    return broadcast;
  }

  /** The broadcast of this project, settled, or a 404. */
  get(apiKey: string, broadcastId: string): BroadcastRecord {
    const broadcast = this.records.get(broadcastId);
    if (!broadcast || broadcast.apiKey !== apiKey) throw notFound();
    return this.settle(broadcast);
  }

  /** Any broadcast by ID, settled (the HLS playlist). */
  find(broadcastId: string): BroadcastRecord | undefined {
    const broadcast = this.records.get(broadcastId);
    return broadcast && this.settle(broadcast);
  }

  /** The broadcast, or a 404 when it is unknown or no longer running. */
  private running(apiKey: string, broadcastId: string): BroadcastRecord {
    const broadcast = this.get(apiKey, broadcastId);
    if (!isRecording(broadcast)) throw notFound();
    return broadcast;
  }

  /** Stops a running broadcast (404 when unknown or already stopped). */
  stopBroadcast(apiKey: string, broadcastId: string): BroadcastRecord {
    return this.stop(this.running(apiKey, broadcastId), this.now(), 'user initiated');
  }

  /** Broadcasts in progress of a project, newest first, optionally of one session. */
  list(apiKey: string, sessionId: string | undefined): BroadcastRecord[] {
    const result = this.all().filter(
      (broadcast) =>
        broadcast.apiKey === apiKey &&
        isRecording(broadcast) &&
        (sessionId === undefined || broadcast.sessionId === sessionId),
    );
    return result.reverse().sort((first, second) => second.createdAt - first.createdAt);
  }

  /** Changes the layout of a running broadcast. */
  setLayout(apiKey: string, broadcastId: string, layout: ArchiveLayout): void {
    const broadcast = this.running(apiKey, broadcastId);
    broadcast.layout = layout;
    broadcast.updatedAt = this.now();
  }

  /** Adds (or updates the tracks of) or removes a stream of a broadcast in `manual` stream mode. */
  patchStreams(
    apiKey: string,
    broadcastId: string,
    change: { add: string; hasAudio: boolean; hasVideo: boolean } | { remove: string },
  ): void {
    const broadcast = this.running(apiKey, broadcastId);
    if (broadcast.streamMode !== 'manual') {
      throw new EmulatorProblem(405, 'The broadcast is not in manual stream mode.');
    }
    if ('add' in change) {
      if (!this.sessions.find(broadcast.sessionId)?.streams.has(change.add)) {
        throw new EmulatorProblem(404, 'Stream not found');
      }
      broadcast.manualStreams.set(change.add, { hasAudio: change.hasAudio, hasVideo: change.hasVideo });
    } else if (!broadcast.manualStreams.delete(change.remove)) {
      throw new EmulatorProblem(404, 'Stream not found');
    }
    broadcast.updatedAt = this.now();
  }

  override unpublished(sessionId: string, streamId: string): void {
    for (const broadcast of this.recordingOf(sessionId)) broadcast.manualStreams.delete(streamId);
  }
}
