/**
 * What the clients of a session would see: every event of the session (signals, connections
 * and streams coming and going, stream property changes, force mute), in order, each with a
 * per-session sequence number and the connections it reached. The feed holds every event of
 * every session, not filtered per viewer; the control API serves it as JSON and as
 * server-sent events, `RunningEmulator.events` as an async iterator, and other parts of the
 * emulator (callbacks) subscribe to it.
 * @module
 */
import type { VideoType } from '../model.js';
import type { ConnectorFeedEvent } from './connector-events.js';

/** Why a connection or stream ended. */
export type EndReason = 'clientDisconnected' | 'forceDisconnected' | 'forceUnpublished' | 'mediaStopped';

/** A connection as events show it. */
export interface ConnectionView {
  connectionId: string;
  /** `client` for a client that joined with a token; connectors add their own kinds. */
  kind: string;
  /** The token's connection data, or `null`. */
  data: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** A stream as events show it. */
export interface StreamView {
  streamId: string;
  connectionId: string;
  name: string;
  videoType: VideoType;
  hasAudio: boolean;
  hasVideo: boolean;
  /** Muted by a moderator (mute one stream, or mute all). */
  audioMuted: boolean;
  layoutClassList: string[];
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** The fields every event has. */
interface EventBase {
  /** Position in the session's feed: 1, 2, 3… */
  seq: number;
  sessionId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** IDs of the connections the event reached (the clients connected at the time). */
  to: string[];
}

/** A signal sent through the REST API (`from` is `null`: the server has no connection). */
export interface SignalEvent extends EventBase {
  event: 'signal';
  /** The signal's type; `''` when none was given. */
  type: string;
  data: string;
  from: string | null;
}

/** A connection joined. */
export interface ConnectionCreatedEvent extends EventBase {
  event: 'connectionCreated';
  connection: ConnectionView;
}

/** A connection left, or was disconnected by a moderator (`forceDisconnected`). */
export interface ConnectionDestroyedEvent extends EventBase {
  event: 'connectionDestroyed';
  connection: ConnectionView;
  reason: EndReason;
}

/** A stream was published. */
export interface StreamCreatedEvent extends EventBase {
  event: 'streamCreated';
  stream: StreamView;
}

/** A stream ended. */
export interface StreamDestroyedEvent extends EventBase {
  event: 'streamDestroyed';
  stream: StreamView;
  reason: EndReason;
}

/** A stream property changed: muted by a moderator, or a new layout class list. */
export interface StreamPropertyChangedEvent extends EventBase {
  event: 'streamPropertyChanged';
  streamId: string;
  changedProperty: 'audioMuted' | 'layoutClassList';
  oldValue: unknown;
  newValue: unknown;
}

/** Force mute was turned on (mute all) or off (disable force mute). */
export interface ForceMuteAllEvent extends EventBase {
  event: 'forceMuteAll';
  active: boolean;
  /** Streams exempt from the mute (empty when turned off). */
  excludedStreamIds: string[];
}

/** Any event of a session's feed. */
export type SessionFeedEvent =
  | SignalEvent
  | ConnectionCreatedEvent
  | ConnectionDestroyedEvent
  | StreamCreatedEvent
  | StreamDestroyedEvent
  | StreamPropertyChangedEvent
  | ForceMuteAllEvent
  // SIP calls, renders, captions and Audio Connectors (see `connector-events.ts`).
  | ConnectorFeedEvent;

/** Names of the events of the feed. */
export type SessionFeedEventName = SessionFeedEvent['event'];

/** An event to record: everything but what the feed adds (`seq`, `sessionId`, `createdAt`). */
export type NewSessionFeedEvent = SessionFeedEvent extends infer Event
  ? Event extends SessionFeedEvent
    ? Omit<Event, 'seq' | 'sessionId' | 'createdAt'>
    : never
  : never;

/** A function told of each event as it is recorded, synchronously, in order. */
export type SessionFeedListener = (event: SessionFeedEvent) => void;

/**
 * The event feed of every session of one emulator. Record with {@link SessionEventFeed.emit};
 * read with {@link SessionEventFeed.after}; follow with {@link SessionEventFeed.subscribe}
 * (every session) or {@link SessionEventFeed.subscribeTo} (one session).
 * @example
 * const stop = state.sessions.feed.subscribe((event) => {
 *   if (event.event === 'connectionCreated') console.log(event.sessionId, event.connection.connectionId)
 * })
 * // later: stop()
 */
export class SessionEventFeed {
  private readonly logs = new Map<string, SessionFeedEvent[]>();
  private readonly listeners = new Set<SessionFeedListener>();

  constructor(private readonly now: () => number) {}

  /** Records an event of a session and tells every subscriber; returns the recorded event. */
  emit(sessionId: string, event: NewSessionFeedEvent): SessionFeedEvent {
    let log = this.logs.get(sessionId);
    if (!log) {
      log = [];
      this.logs.set(sessionId, log);
    }
    const recorded = { seq: log.length + 1, sessionId, createdAt: this.now(), ...event } as SessionFeedEvent;
    log.push(recorded);
    for (const listener of [...this.listeners]) {
      try {
        listener(recorded);
      } catch {
        // A subscriber's failure must not change what the session does.
      }
    }
    return recorded;
  }

  /** The session's events with a sequence number above `after` (all of them for 0), in order. */
  after(sessionId: string, after = 0): SessionFeedEvent[] {
    const log = this.logs.get(sessionId) ?? [];
    return log.slice(Math.max(0, Math.min(after, log.length)));
  }

  /** The sequence number of the session's last event (0 before the first). */
  lastSeq(sessionId: string): number {
    return this.logs.get(sessionId)?.length ?? 0;
  }

  /**
   * The session's events after `after`, then each new one as it is recorded, until `signal`
   * aborts or the consumer stops (`break` in a `for await`).
   */
  async *follow(sessionId: string, after = 0, signal?: AbortSignal): AsyncGenerator<SessionFeedEvent, void, undefined> {
    const queue = this.after(sessionId, after);
    let wake: (() => void) | undefined;
    const stop = this.subscribeTo(sessionId, (event) => {
      queue.push(event);
      wake?.();
    });
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (signal?.aborted) return;
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      stop();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Calls `listener` with every event of every session from now on; returns the unsubscribe function. */
  subscribe(listener: SessionFeedListener): () => void {
    const own = (event: SessionFeedEvent) => listener(event);
    this.listeners.add(own);
    return () => {
      this.listeners.delete(own);
    };
  }

  /** Calls `listener` with every new event of one session; returns the unsubscribe function. */
  subscribeTo(sessionId: string, listener: SessionFeedListener): () => void {
    return this.subscribe((event) => {
      if (event.sessionId === sessionId) listener(event);
    });
  }
}
