/**
 * Live captions (`/v2/project/{k}/captions`): one job per session (a second start is a 409
 * while one runs), `started` → `stopped` on stop or at `maxDuration`, `captionsStarted` and
 * `captionsStopped` in the session's event feed. No speech is recognised: no caption text is
 * produced.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { SessionRecord } from '../model.js';
import { EmulatorProblem } from '../problem.js';
import { type CaptionsView, emitConnectorEvent } from './connector-events.js';
import type { SessionStore } from './session-store.js';
import { TimerSet } from './timer-set.js';

/** What a captions start asks for, already validated. */
export interface CaptionsOptions {
  languageCode: string;
  maxDuration: number;
  partialCaptions: boolean;
  statusCallbackUrl: string | undefined;
}

/** A captioning job. */
export interface CaptionsRecord extends CaptionsOptions {
  id: string;
  apiKey: string;
  sessionId: string;
  status: 'started' | 'stopped';
  reason: string | undefined;
  createdAt: number;
  updatedAt: number;
  stoppedAt: number | undefined;
}

const notFound = () => new EmulatorProblem(404, 'Captions not found', { code: 404 });

/** A job as `GET /v2/project/{k}/captions/{id}` answers it. */
export function captionsJson(captions: CaptionsRecord, now: number): CaptionsView {
  const end = captions.stoppedAt ?? now;
  const json: CaptionsView = {
    captionId: captions.id,
    projectId: captions.apiKey,
    sessionId: captions.sessionId,
    status: captions.status,
    createdAt: captions.createdAt,
    updatedAt: captions.updatedAt,
    duration: Math.max(0, Math.floor((end - captions.createdAt) / 1000)),
    languageCode: captions.languageCode,
    provider: 'aws-transcribe',
  };
  if (captions.reason !== undefined) json.reason = captions.reason;
  return json;
}

/** The captioning jobs of one emulator. */
export class CaptionsStore {
  private readonly jobs = new Map<string, CaptionsRecord>();
  private readonly timers = new TimerSet();

  constructor(
    private readonly sessions: SessionStore,
    private readonly now: () => number,
  ) {}

  /** Starts captions of a session; 409 while the session already has a job running. */
  start(session: SessionRecord, options: CaptionsOptions): CaptionsRecord {
    if (this.all().some((job) => job.sessionId === session.id && job.status === 'started')) {
      throw new EmulatorProblem(409, 'Audio captioning is already enabled', { code: 60003 });
    }
    const now = this.now();
    const captions: CaptionsRecord = {
      id: randomUUID(),
      apiKey: session.apiKey,
      sessionId: session.id,
      status: 'started',
      reason: undefined,
      createdAt: now,
      updatedAt: now,
      stoppedAt: undefined,
      ...options,
    };
    this.jobs.set(captions.id, captions);
    emitConnectorEvent(this.sessions.feed, session.id, {
      event: 'captionsStarted',
      captions: captionsJson(captions, now),
      to: [...session.connections.keys()],
    });
    this.timers.after(options.maxDuration * 1000, () => this.end(captions, 'Maximum duration exceeded'));
    return captions;
  }

  /** The job of this project, or a 404. */
  get(apiKey: string, captionsId: string): CaptionsRecord {
    const captions = this.jobs.get(captionsId);
    if (!captions || captions.apiKey !== apiKey) throw notFound();
    return captions;
  }

  /** Stops a running job (404 when unknown or already stopped). */
  stop(apiKey: string, captionsId: string): CaptionsRecord {
    const captions = this.get(apiKey, captionsId);
    if (captions.status !== 'started') throw notFound();
    this.end(captions, 'Stop requested');
    return captions;
  }

  /** Every job, in start order. */
  all(): CaptionsRecord[] {
    return [...this.jobs.values()];
  }

  /** Clears the timers (the emulator is closing). */
  close(): void {
    this.timers.clearAll();
  }

  private end(captions: CaptionsRecord, reason: string): void {
    if (captions.status !== 'started') return;
    const now = this.now();
    captions.status = 'stopped';
    captions.reason = reason;
    captions.stoppedAt = now;
    captions.updatedAt = now;
    const session = this.sessions.find(captions.sessionId);
    emitConnectorEvent(this.sessions.feed, captions.sessionId, {
      event: 'captionsStopped',
      captions: captionsJson(captions, now),
      to: session ? [...session.connections.keys()] : [],
    });
  }
}
