/**
 * SIP calls (`POST /v2/project/{k}/dial`): a dial adds a connection and an audio stream (video
 * too when asked) named from `from` to the session's roster at once; DTMF digits are recorded
 * as `dtmf` events; a call with `observeForceMute` follows the session's force mute; force
 * disconnecting the call's connection ends it. No SIP signalling happens: the far end is
 * taken as answering at once.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { SessionRecord } from '../model.js';
import { EmulatorProblem } from '../problem.js';
import { headerNames, redactUrl } from '../redact.js';
import { emitConnectorEvent, type SipCallView } from './connector-events.js';
import type { SessionFeedEvent } from './session-event-feed.js';
import type { SessionStore } from './session-store.js';

/** What a dial asks for, already validated. */
export interface DialOptions {
  uri: string;
  from: string | undefined;
  headers: Record<string, string> | undefined;
  /** The digest user name when auth was given; the password is checked by the route and never kept. */
  authUsername: string | undefined;
  secure: boolean;
  video: boolean;
  observeForceMute: boolean;
  streams: string[] | undefined;
}

/** A SIP call. */
export interface SipCallRecord {
  id: string;
  apiKey: string;
  sessionId: string;
  connectionId: string;
  streamId: string;
  options: DialOptions;
  state: 'ACTIVE' | 'HANGUP';
  muteForced: boolean;
  dtmf: Array<{ digits: string; at: number }>;
  createdAt: number;
  updatedAt: number;
  reason: string | undefined;
}

/** A SIP call as events and the state view show it. */
export function sipCallView(call: SipCallRecord): SipCallView {
  const { options } = call;
  return {
    id: call.id,
    sessionId: call.sessionId,
    connectionId: call.connectionId,
    streamId: call.streamId,
    uri: redactUrl(options.uri),
    from: options.from ?? null,
    headerNames: headerNames(options.headers),
    authUsername: options.authUsername ?? null,
    secure: options.secure,
    video: options.video,
    observeForceMute: options.observeForceMute,
    streams: options.streams ? [...options.streams] : null,
    state: call.state,
    muteForced: call.muteForced,
    dtmf: call.dtmf.map((entry) => ({ ...entry })),
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
    reason: call.reason ?? null,
  };
}

/** The SIP calls of one emulator. */
export class SipStore {
  private readonly calls = new Map<string, SipCallRecord>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly now: () => number,
  ) {
    sessions.feed.subscribe((event) => this.follow(event));
  }

  /** Dials: the call's connection (data from the token) and stream join the session at once. */
  dial(session: SessionRecord, role: string, data: string | undefined, options: DialOptions): SipCallRecord {
    const connection = this.sessions.addConnection(session, { kind: 'sip', role, data });
    const stream = this.sessions.addStream(session, connection.id, {
      name: options.from ?? '',
      videoType: 'camera',
      layoutClassList: [],
      hasAudio: true,
      hasVideo: options.video,
    });
    const now = this.now();
    const call: SipCallRecord = {
      id: randomUUID(),
      apiKey: session.apiKey,
      sessionId: session.id,
      connectionId: connection.id,
      streamId: stream.id,
      options,
      state: 'ACTIVE',
      muteForced: options.observeForceMute && session.forceMute.active,
      dtmf: [],
      createdAt: now,
      updatedAt: now,
      reason: undefined,
    };
    this.calls.set(call.id, call);
    emitConnectorEvent(this.sessions.feed, session.id, {
      event: 'sipCallCreated',
      call: sipCallView(call),
      to: [...session.connections.keys()],
    });
    return call;
  }

  /**
   * Plays digits to the active SIP calls of a session, or to the one call of `connectionId`.
   * @throws {EmulatorProblem} 404 when that connection is not connected (or not a SIP call).
   */
  playDtmf(session: SessionRecord, connectionId: string | undefined, digits: string): void {
    const active = this.ofSession(session.id).filter((call) => call.state === 'ACTIVE');
    const reached = connectionId === undefined ? active : active.filter((call) => call.connectionId === connectionId);
    if (connectionId !== undefined && !session.connections.has(connectionId)) {
      throw new EmulatorProblem(404, 'Connection not found');
    }
    const at = this.now();
    for (const call of reached) {
      call.dtmf.push({ digits, at });
      call.updatedAt = at;
    }
    emitConnectorEvent(this.sessions.feed, session.id, {
      event: 'dtmf',
      digits,
      connectionId: connectionId ?? null,
      to: reached.map((call) => call.connectionId),
    });
  }

  /** Every call, in dial order. */
  all(): SipCallRecord[] {
    return [...this.calls.values()];
  }

  private ofSession(sessionId: string): SipCallRecord[] {
    return this.all().filter((call) => call.sessionId === sessionId);
  }

  /** Follows the session feed: a call's connection leaving ends it; force mute reaches observing calls. */
  private follow(event: SessionFeedEvent): void {
    if (event.event === 'connectionDestroyed') {
      const call = this.ofSession(event.sessionId).find(
        (candidate) => candidate.connectionId === event.connection.connectionId && candidate.state === 'ACTIVE',
      );
      if (!call) return;
      call.state = 'HANGUP';
      call.updatedAt = this.now();
      call.reason = event.reason === 'forceDisconnected' ? 'Force disconnected' : 'Call ended';
      emitConnectorEvent(this.sessions.feed, call.sessionId, {
        event: 'sipCallDestroyed',
        call: sipCallView(call),
        reason: call.reason,
        to: event.to,
      });
    } else if (event.event === 'forceMuteAll') {
      for (const call of this.ofSession(event.sessionId)) {
        if (call.state !== 'ACTIVE' || !call.options.observeForceMute) continue;
        const muted = event.active && !event.excludedStreamIds.includes(call.streamId);
        if (muted === call.muteForced) continue;
        call.muteForced = muted;
        call.updatedAt = this.now();
        emitConnectorEvent(this.sessions.feed, call.sessionId, {
          event: 'sipMuteForced',
          call: sipCallView(call),
          active: muted,
          to: [call.connectionId],
        });
      }
    }
  }
}
