/**
 * Acting on a running session, as the REST API's signal, stream and moderation calls do:
 * signals to everyone or to one connection, layout class lists, muting one stream, and the
 * session's force-mute state (mute all, then streams published later arrive muted until it
 * is disabled). Every effect is recorded in the session's event feed. Disconnecting is the
 * roster's `SessionStore.removeConnection`.
 * @module
 */
import type { SessionRecord, StreamRecord } from '../model.js';
import { EmulatorProblem } from '../problem.js';
import type { SessionStore } from './session-store.js';

/** A signal as the REST API takes it, already checked. */
export interface SignalMessage {
  /** `''` when the caller gave none. */
  type: string;
  data: string;
}

/** A stream's new layout class list. */
export interface ClassListChange {
  id: string;
  layoutClassList: string[];
}

const streamNotFound = () => new EmulatorProblem(404, 'Stream not found');

/** The stream, or a 404. */
export function findStream(session: SessionRecord, streamId: string): StreamRecord {
  const stream = session.streams.get(streamId);
  if (!stream) throw streamNotFound();
  return stream;
}

/**
 * Delivers a signal to every connection of the session, or to one, with an empty sender.
 * @throws {EmulatorProblem} 404 when the connection is not in the session.
 */
export function sendSignal(
  store: SessionStore,
  session: SessionRecord,
  message: SignalMessage,
  connectionId?: string,
): void {
  if (connectionId !== undefined && !session.connections.has(connectionId)) {
    throw new EmulatorProblem(404, 'Connection not found');
  }
  const to = connectionId === undefined ? [...session.connections.keys()] : [connectionId];
  store.feed.emit(session.id, { event: 'signal', type: message.type, data: message.data, from: null, to });
}

/**
 * Replaces the layout class lists of streams, all or none: every stream is checked first.
 * @throws {EmulatorProblem} 404 when a stream is not in the session.
 */
export function setClassLists(store: SessionStore, session: SessionRecord, changes: readonly ClassListChange[]): void {
  const streams = changes.map((change) => findStream(session, change.id));
  changes.forEach((change, index) => {
    const stream = streams[index] as StreamRecord;
    const oldValue = stream.layoutClassList;
    stream.layoutClassList = [...change.layoutClassList];
    store.feed.emit(session.id, {
      event: 'streamPropertyChanged',
      streamId: stream.id,
      changedProperty: 'layoutClassList',
      oldValue,
      newValue: [...stream.layoutClassList],
      to: [...session.connections.keys()],
    });
  });
}

function mute(store: SessionStore, session: SessionRecord, stream: StreamRecord): void {
  if (stream.audioMuted) return;
  stream.audioMuted = true;
  store.feed.emit(session.id, {
    event: 'streamPropertyChanged',
    streamId: stream.id,
    changedProperty: 'audioMuted',
    oldValue: false,
    newValue: true,
    to: [...session.connections.keys()],
  });
}

/**
 * Mutes one stream's audio (a stream already muted stays as it is).
 * @throws {EmulatorProblem} 404 when the stream is not in the session.
 */
export function muteStream(store: SessionStore, session: SessionRecord, streamId: string): void {
  mute(store, session, findStream(session, streamId));
}

/**
 * Mute all: every stream but the excluded ones is muted, and until {@link disableForceMute}
 * the streams published later arrive muted too. Records `forceMuteAll`, then each mute.
 */
export function muteAll(store: SessionStore, session: SessionRecord, excludedStreamIds: readonly string[]): void {
  session.forceMute = { active: true, excludedStreamIds: new Set(excludedStreamIds) };
  store.feed.emit(session.id, {
    event: 'forceMuteAll',
    active: true,
    excludedStreamIds: [...session.forceMute.excludedStreamIds],
    to: [...session.connections.keys()],
  });
  for (const stream of session.streams.values()) {
    if (!session.forceMute.excludedStreamIds.has(stream.id)) mute(store, session, stream);
  }
}

/** Ends the force-mute state: streams published later are no longer muted; muted ones stay muted. */
export function disableForceMute(store: SessionStore, session: SessionRecord): void {
  session.forceMute = { active: false, excludedStreamIds: new Set() };
  store.feed.emit(session.id, {
    event: 'forceMuteAll',
    active: false,
    excludedStreamIds: [],
    to: [...session.connections.keys()],
  });
}
