/**
 * Sessions and their rosters: connections (clients, connectors) and their streams. The
 * recording stores listen to what happens here (a client joins, publishes, unpublishes; the
 * last one leaves), and every change is recorded in the session's event feed (`feed`).
 * @module
 */
import { randomUUID } from 'node:crypto';
import { encodeSessionId } from '@opentok/token';
import type { ConnectionKind, ConnectionRecord, SessionRecord, StreamRecord, VideoType } from '../model.js';
import { EmulatorProblem } from '../problem.js';
import { type ConnectionView, type EndReason, SessionEventFeed, type StreamView } from './session-event-feed.js';

/** Options of a new session, already validated. */
export interface SessionCreateOptions {
  mediaMode: 'routed' | 'relayed';
  archiveMode: 'manual' | 'always';
  e2ee: boolean;
  location: string | undefined;
  archiveName: string | undefined;
  archiveResolution: string | undefined;
}

/** What a connection publishes: the stream's name, video type, layout classes and tracks. */
export interface PublishOptions {
  name: string;
  videoType: VideoType;
  layoutClassList: string[];
  /** @default true */
  hasAudio?: boolean | undefined;
  /** @default true */
  hasVideo?: boolean | undefined;
}

/** A connection to add to a session's roster. */
export interface NewConnection {
  kind: ConnectionKind;
  /** The token's role (`publisher`, `subscriber`, `moderator`); connectors publish. */
  role: string;
  /** The token's connection data. */
  data: string | undefined;
}

/** A connection as the event feed shows it. */
export function connectionView(connection: ConnectionRecord): ConnectionView {
  return {
    connectionId: connection.id,
    kind: connection.kind,
    data: connection.data ?? null,
    createdAt: connection.createdAt,
  };
}

/** A stream as the event feed shows it. */
export function streamView(stream: StreamRecord): StreamView {
  return {
    streamId: stream.id,
    connectionId: stream.connectionId,
    name: stream.name,
    videoType: stream.videoType,
    hasAudio: stream.hasAudio,
    hasVideo: stream.hasVideo,
    audioMuted: stream.audioMuted,
    layoutClassList: [...stream.layoutClassList],
    createdAt: stream.createdAt,
  };
}

/** What other stores hear from the session store. Handlers run synchronously, in order. */
export interface SessionEvents {
  /** A client joined the session. */
  joined(sessionId: string): void;
  /** A client published a stream. */
  published(sessionId: string, streamId: string): void;
  /** A stream ended (its client unpublished or left). */
  unpublished(sessionId: string, streamId: string): void;
  /** The last client left. */
  emptied(sessionId: string): void;
}

/** The sessions of one emulator. */
export class SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly listeners: SessionEvents[] = [];
  /**
   * Every session's events as its clients would see them (see `session-event-feed.ts`):
   * subscribe here to follow connections, streams, signals and moderation.
   */
  readonly feed: SessionEventFeed;

  constructor(private readonly now: () => number) {
    this.feed = new SessionEventFeed(now);
  }

  /** Registers a store that follows the sessions' clients. */
  listen(listener: SessionEvents): void {
    this.listeners.push(listener);
  }

  /** Creates a session with an ID in today's format (docs/protocol.md §1.5). */
  create(apiKey: string, options: SessionCreateOptions): SessionRecord {
    const createdAt = this.now();
    const id = encodeSessionId({
      apiKey,
      location: options.location,
      createTime: createdAt,
      mediaMode: options.mediaMode,
    });
    const session: SessionRecord = {
      id,
      apiKey,
      createdAt,
      ...options,
      connections: new Map(),
      streams: new Map(),
      forceMute: { active: false, excludedStreamIds: new Set() },
    };
    this.sessions.set(id, session);
    return session;
  }

  /** The session, or `undefined`. */
  find(sessionId: string): SessionRecord | undefined {
    return this.sessions.get(sessionId);
  }

  /** The session, or a 404. */
  get(sessionId: string): SessionRecord {
    const session = this.sessions.get(sessionId);
    if (!session) throw new EmulatorProblem(404, 'Session not found');
    return session;
  }

  /** Every session, in creation order. */
  all(): SessionRecord[] {
    return [...this.sessions.values()];
  }

  /** Adds a client (already authenticated) to a session; publishing also creates a stream. */
  connect(
    session: SessionRecord,
    role: string,
    data: string | undefined,
    publish: PublishOptions | undefined,
  ): ConnectionRecord {
    const connection = this.addConnection(session, { kind: 'client', role, data });
    if (publish) this.addStream(session, connection.id, publish);
    return connection;
  }

  /** Removes a client that leaves by itself (`clientDisconnected`); see {@link SessionStore.removeConnection}. */
  disconnect(session: SessionRecord, connectionId: string): void {
    this.removeConnection(session, connectionId, 'clientDisconnected');
  }

  /**
   * Adds a connection to a session's roster (a client, or a connector's connection) and
   * records `connectionCreated`; paused recordings of the session resume.
   */
  addConnection(session: SessionRecord, options: NewConnection): ConnectionRecord {
    const connection: ConnectionRecord = {
      id: randomUUID(),
      sessionId: session.id,
      kind: options.kind,
      role: options.role,
      data: options.data,
      createdAt: this.now(),
      streamId: undefined,
    };
    session.connections.set(connection.id, connection);
    this.feed.emit(session.id, {
      event: 'connectionCreated',
      connection: connectionView(connection),
      to: [...session.connections.keys()],
    });
    for (const listener of this.listeners) listener.joined(session.id);
    return connection;
  }

  /**
   * Publishes a stream of a connection and records `streamCreated`. While the session is
   * force-muted (mute all), the stream arrives muted. Recordings in `auto` mode take it.
   * @throws {EmulatorProblem} 404 for a connection not in the session.
   */
  addStream(session: SessionRecord, connectionId: string, options: PublishOptions): StreamRecord {
    const connection = session.connections.get(connectionId);
    if (!connection) throw new EmulatorProblem(404, 'Connection not found');
    const stream: StreamRecord = {
      id: randomUUID(),
      connectionId,
      sessionId: session.id,
      createdAt: this.now(),
      name: options.name,
      videoType: options.videoType,
      layoutClassList: [...options.layoutClassList],
      hasAudio: options.hasAudio ?? true,
      hasVideo: options.hasVideo ?? true,
      audioMuted: session.forceMute.active,
    };
    session.streams.set(stream.id, stream);
    connection.streamId ??= stream.id;
    this.feed.emit(session.id, {
      event: 'streamCreated',
      stream: streamView(stream),
      to: [...session.connections.keys()],
    });
    for (const listener of this.listeners) listener.published(session.id, stream.id);
    return stream;
  }

  /**
   * Ends a stream and records `streamDestroyed` with the reason; recordings let it go.
   * @throws {EmulatorProblem} 404 for a stream not in the session.
   */
  removeStream(session: SessionRecord, streamId: string, reason: EndReason): void {
    const stream = session.streams.get(streamId);
    if (!stream) throw new EmulatorProblem(404, 'Stream not found');
    session.streams.delete(streamId);
    const connection = session.connections.get(stream.connectionId);
    if (connection?.streamId === streamId) {
      connection.streamId = [...session.streams.values()].find((other) => other.connectionId === connection.id)?.id;
    }
    this.feed.emit(session.id, {
      event: 'streamDestroyed',
      stream: streamView(stream),
      reason,
      to: [...session.connections.keys()],
    });
    for (const listener of this.listeners) listener.unpublished(session.id, streamId);
  }

  /**
   * Removes a connection from the roster: its streams end first (`streamDestroyed`), then
   * `connectionDestroyed` is recorded with the reason (`clientDisconnected` when it left,
   * `forceDisconnected` when a moderator disconnected it). When nobody is left, recordings pause.
   * @throws {EmulatorProblem} 404 for a connection not in the session.
   */
  removeConnection(session: SessionRecord, connectionId: string, reason: EndReason): void {
    const connection = session.connections.get(connectionId);
    if (!connection) throw new EmulatorProblem(404, 'Connection not found');
    for (const stream of [...session.streams.values()]) {
      if (stream.connectionId === connectionId) this.removeStream(session, stream.id, reason);
    }
    session.connections.delete(connectionId);
    this.feed.emit(session.id, {
      event: 'connectionDestroyed',
      connection: connectionView(connection),
      reason,
      to: [...session.connections.keys()],
    });
    if (session.connections.size === 0) for (const listener of this.listeners) listener.emptied(session.id);
  }
}
