/**
 * The events the connectors (SIP calls, Experience Composer renders, live captions, Audio
 * Connector) record in a session's event feed (`session-event-feed.ts`), beside the roster's
 * own `connectionCreated`/`streamCreated`… of their connections. Every status change of a
 * connector is one event here, so whoever follows the feed (the control API, `emulator.events`,
 * callbacks) learns of it.
 * @module
 */
/** The fields the feed adds to every event. */
interface FeedFields {
  /** Position in the session's feed: 1, 2, 3… */
  seq: number;
  sessionId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** IDs of the connections the event reached (the session's connections at the time). */
  to: string[];
}

/** A SIP call as events and `GET /_emulator/state` show it (no password, header names only). */
export interface SipCallView {
  id: string;
  sessionId: string;
  connectionId: string;
  streamId: string;
  /** The SIP URI, its password and header values shown as `***` (see `redact.ts`). */
  uri: string;
  from: string | null;
  /** Names of the custom headers sent with the INVITE. */
  headerNames: string[];
  /** The digest user name, when auth was given (never the password). */
  authUsername: string | null;
  secure: boolean;
  video: boolean;
  observeForceMute: boolean;
  /** Streams the SIP side hears; `null` for all. */
  streams: string[] | null;
  /** `ACTIVE` while connected, `HANGUP` once ended (no real SIP signalling: no `DIALING`/`RINGING`). */
  state: 'ACTIVE' | 'HANGUP';
  /** Muted by the session's force mute (only with `observeForceMute`). */
  muteForced: boolean;
  /** Digits played to this call, in order, each with its time. */
  dtmf: Array<{ digits: string; at: number }>;
  createdAt: number;
  updatedAt: number;
  /** Why it ended, once `HANGUP`. */
  reason: string | null;
}

/** A SIP call joined the session (its connection and stream are in the roster). */
export interface SipCallCreatedEvent extends FeedFields {
  event: 'sipCallCreated';
  call: SipCallView;
}

/** A SIP call ended: stopped by a force disconnect of its connection, or by the session ending. */
export interface SipCallDestroyedEvent extends FeedFields {
  event: 'sipCallDestroyed';
  call: SipCallView;
  reason: string;
}

/** DTMF digits played (`to`: the SIP connections that got them). */
export interface DtmfEvent extends FeedFields {
  event: 'dtmf';
  digits: string;
  /** The one connection addressed, or `null` for the whole session. */
  connectionId: string | null;
}

/** A SIP call with `observeForceMute` followed the session's force mute on or off. */
export interface SipMuteForcedEvent extends FeedFields {
  event: 'sipMuteForced';
  call: SipCallView;
  active: boolean;
}

/** A render changed status; `render` is the render object of the REST API. */
export interface RenderStatusChangedEvent extends FeedFields {
  event: 'renderStatusChanged';
  render: Record<string, unknown>;
}

/** Captions as events show them: the live captions status object of the REST API. */
export type CaptionsView = Record<string, unknown> & { captionId: string; status: string };

/** Live captions started. */
export interface CaptionsStartedEvent extends FeedFields {
  event: 'captionsStarted';
  captions: CaptionsView;
}

/** Live captions stopped (on stop, at `maxDuration`). */
export interface CaptionsStoppedEvent extends FeedFields {
  event: 'captionsStopped';
  captions: CaptionsView;
}

/** An Audio Connector as events and `GET /_emulator/state` show it (header names only). */
export interface AudioConnectorView {
  id: string;
  sessionId: string;
  connectionId: string;
  /** The audio-only stream it publishes with `bidirectional`, else `null`. */
  streamId: string | null;
  /** The WebSocket URI, its userinfo and query values shown as `***` (see `redact.ts`). */
  uri: string;
  streams: string[] | null;
  headerNames: string[];
  audioRate: 8000 | 16000;
  bidirectional: boolean;
  /** `connecting` → `connected` → `stopped`, or `failed`. */
  status: 'connecting' | 'connected' | 'stopped' | 'failed';
  reason: string | null;
  /** Binary frames of 20 ms sent to the WebSocket server. */
  framesSent: number;
  /** Binary frames received from it (counted with `bidirectional`). */
  framesReceived: number;
  createdAt: number;
  updatedAt: number;
}

/** An Audio Connector changed status. */
export interface AudioConnectorStatusChangedEvent extends FeedFields {
  event: 'audioConnectorStatusChanged';
  connector: AudioConnectorView;
}

/** Any event a connector records. */
export type ConnectorFeedEvent =
  | SipCallCreatedEvent
  | SipCallDestroyedEvent
  | DtmfEvent
  | SipMuteForcedEvent
  | RenderStatusChangedEvent
  | CaptionsStartedEvent
  | CaptionsStoppedEvent
  | AudioConnectorStatusChangedEvent;

/** A connector event to record: everything but what the feed adds. */
export type NewConnectorEvent = ConnectorFeedEvent extends infer Event
  ? Event extends ConnectorFeedEvent
    ? Omit<Event, 'seq' | 'sessionId' | 'createdAt'>
    : never
  : never;

/** The part of the session event feed (`session-event-feed.ts`) a connector records with. */
export interface ConnectorEventSink {
  emit(sessionId: string, event: NewConnectorEvent): unknown;
}

/** Records a connector's event in the session's feed. */
export function emitConnectorEvent(feed: ConnectorEventSink, sessionId: string, event: NewConnectorEvent): void {
  feed.emit(sessionId, event);
}
