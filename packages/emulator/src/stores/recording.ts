/**
 * The lifecycle archives and broadcasts share: `started` → `paused` (everyone left) →
 * `started` (someone came back) or `stopped` (by a call, after the paused timeout, or at the
 * maximum duration). Records settle lazily: whatever time alone changes is applied when a
 * record is read, so no timer keeps a closed emulator alive.
 * @module
 */
import type { SessionEvents } from './session-store.js';

/** The fields of a record the lifecycle moves. */
export interface Recording {
  id: string;
  apiKey: string;
  sessionId: string;
  /** `started`, `paused` or `stopped`, then whatever the resource adds (`available`…). */
  status: string;
  createdAt: number;
  updatedAt: number;
  /** When the last client left, while paused. */
  pausedAt: number | undefined;
  /** When it stopped. */
  stoppedAt: number | undefined;
  /** Seconds after which it stops by itself, when it has a limit. */
  maxDuration?: number | undefined;
}

/** `true` while started or paused. */
export const isRecording = (record: Recording): boolean => record.status === 'started' || record.status === 'paused';

/**
 * A store of records with the shared lifecycle. Subclasses say what stopping means for them
 * (`onStop`) and what else time changes (`settleMore`); the store pauses and resumes its
 * records as clients leave and join (it listens to the session store).
 */
export abstract class RecordingStore<T extends Recording> implements SessionEvents {
  protected readonly records = new Map<string, T>();

  constructor(
    protected readonly now: () => number,
    /** How long a record stays paused after everyone left before it stops. */
    protected readonly pausedTimeoutMs: () => number,
  ) {}

  /** The reason given when the paused timeout or the maximum duration stops a record. */
  protected abstract onStop(record: T, at: number, reason: string): void;

  /** What time changes after a stop (archives become available). */
  protected settleMore(_record: T, _now: number): void {}

  /** Applies what time alone changes, and returns the record. */
  settle(record: T): T {
    const now = this.now();
    if (isRecording(record)) {
      const candidates: Array<[number, string]> = [];
      if (record.status === 'paused' && record.pausedAt !== undefined) {
        candidates.push([record.pausedAt + this.pausedTimeoutMs(), 'session ended']);
      }
      if (record.maxDuration !== undefined) {
        candidates.push([record.createdAt + record.maxDuration * 1000, 'maximum duration exceeded']);
      }
      const first = candidates.sort((left, right) => left[0] - right[0])[0];
      if (first && now >= first[0]) this.stop(record, first[0], first[1]);
    }
    this.settleMore(record, now);
    return record;
  }

  /** Every record, settled, in creation order. */
  all(): T[] {
    return [...this.records.values()].map((record) => this.settle(record));
  }

  /** Records of a session that are started or paused, after settling. */
  recordingOf(sessionId: string): T[] {
    return this.all().filter((record) => record.sessionId === sessionId && isRecording(record));
  }

  /** Stops a record: status, times, then what the resource adds. */
  protected stop(record: T, at: number, reason: string): T {
    record.status = 'stopped';
    record.stoppedAt = at;
    record.updatedAt = at;
    record.pausedAt = undefined;
    this.onStop(record, at, reason);
    return record;
  }

  /** A client joined: paused records of the session resume. */
  joined(sessionId: string): void {
    const now = this.now();
    for (const record of this.recordingOf(sessionId)) {
      if (record.status === 'paused') {
        record.status = 'started';
        record.pausedAt = undefined;
        record.updatedAt = now;
      }
    }
  }

  /** Everyone left: the session's records pause. */
  emptied(sessionId: string): void {
    const now = this.now();
    for (const record of this.recordingOf(sessionId)) {
      record.status = 'paused';
      record.pausedAt = now;
      record.updatedAt = now;
    }
  }

  published(_sessionId: string, _streamId: string): void {}
  unpublished(_sessionId: string, _streamId: string): void {}
}
