/**
 * Sessions, their connected clients and their streams. The recording stores listen to what
 * happens here (a client joins, publishes, unpublishes; the last one leaves).
 * @module
 */
import { randomUUID } from 'node:crypto';
import { encodeSessionId } from '@opentok/token';
import type { ConnectionRecord, SessionRecord, StreamRecord, VideoType } from '../model.js';
import { EmulatorProblem } from '../problem.js';

/** Options of a new session, already validated. */
export interface SessionCreateOptions {
  mediaMode: 'routed' | 'relayed';
  archiveMode: 'manual' | 'always';
  e2ee: boolean;
  location: string | undefined;
  archiveName: string | undefined;
  archiveResolution: string | undefined;
}

/** What a client publishes when it joins: the stream's name, video type and layout classes. */
export interface PublishOptions {
  name: string;
  videoType: VideoType;
  layoutClassList: string[];
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

  constructor(private readonly now: () => number) {}

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
    const session: SessionRecord = { id, apiKey, createdAt, ...options, connections: new Map(), streams: new Map() };
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
    const connection: ConnectionRecord = {
      id: randomUUID(),
      sessionId: session.id,
      role,
      data,
      createdAt: this.now(),
      streamId: undefined,
    };
    session.connections.set(connection.id, connection);
    for (const listener of this.listeners) listener.joined(session.id);
    if (publish) this.publish(session, connection, publish);
    return connection;
  }

  private publish(session: SessionRecord, connection: ConnectionRecord, options: PublishOptions): void {
    const stream: StreamRecord = {
      id: randomUUID(),
      connectionId: connection.id,
      sessionId: session.id,
      createdAt: this.now(),
      name: options.name,
      videoType: options.videoType,
      layoutClassList: [...options.layoutClassList],
    };
    session.streams.set(stream.id, stream);
    connection.streamId = stream.id;
    for (const listener of this.listeners) listener.published(session.id, stream.id);
  }

  /** Removes a client; its stream ends; when nobody is left, recordings pause. */
  disconnect(session: SessionRecord, connectionId: string): void {
    const connection = session.connections.get(connectionId);
    if (!connection) throw new EmulatorProblem(404, 'Connection not found');
    session.connections.delete(connectionId);
    if (connection.streamId) {
      session.streams.delete(connection.streamId);
      for (const listener of this.listeners) listener.unpublished(session.id, connection.streamId);
    }
    if (session.connections.size === 0) for (const listener of this.listeners) listener.emptied(session.id);
  }
}
